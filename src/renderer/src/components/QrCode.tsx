import QRCode from 'qrcode'
import { useMemo } from 'react'

/**
 * A QR code drawn as SVG from the module matrix, so nothing is injected as markup.
 * `label` is what a screen reader says instead of the picture.
 */
export function QrCode({ value, label, size = 240 }: { readonly value: string; readonly label: string; readonly size?: number }) {
  const { path, count } = useMemo(() => {
    const qr = QRCode.create(value, { errorCorrectionLevel: 'M' })
    const n = qr.modules.size
    const parts: string[] = []
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        if (qr.modules.get(x, y)) parts.push(`M${x + 4} ${y + 4}h1v1h-1z`)
      }
    }
    return { path: parts.join(''), count: n + 8 }
  }, [value])
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${count} ${count}`}
      shapeRendering="crispEdges"
      data-qr-value={value}
    >
      <rect width={count} height={count} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  )
}
