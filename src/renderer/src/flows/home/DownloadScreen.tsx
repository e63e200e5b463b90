import { AppDownload } from '../../components/AppDownload'

export function DownloadScreen() {
  return (
    <div className="download-screen" data-screen="download">
      <AppDownload />
    </div>
  )
}
