import { AppDownload } from '../../components/AppDownload'
import { PrintSlip } from './PrintSlip'

export function DownloadScreen() {
  return (
    <div className="download-screen" data-screen="download">
      <AppDownload />
      <PrintSlip />
    </div>
  )
}
