import { useEffect, type RefObject } from 'react'

/** Opens the native `<dialog>` as a modal (focus trapped, page behind inert) while `open`. */
export function useModalDialog(ref: RefObject<HTMLDialogElement | null>, open: boolean): void {
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [ref, open])
}
