// 数据备份: sizes and paths as the backup screen shows and uses them.

/** 532480 -> "520 KB", 5452595 -> "5.2 MB", 4.5e9 -> "4.19 GB". */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 KB'
  const KB = 1024
  const MB = KB * 1024
  const GB = MB * 1024
  if (bytes < MB) return `${Math.max(1, Math.round(bytes / KB))} KB`
  if (bytes < GB) return `${(bytes / MB).toFixed(1)} MB`
  return `${(bytes / GB).toFixed(2)} GB`
}

/** The folder of a file path (Windows or POSIX separators); null when there is none. */
export function folderOf(path: string | null | undefined): string | null {
  const p = (path ?? '').trim()
  const cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'))
  if (cut <= 0) return null
  const folder = p.slice(0, cut)
  // "C:\x.db" lies in "C:\", not in "C:" (the current folder of drive C).
  return /^[A-Za-z]:$/.test(folder) ? `${folder}${p[cut]}` : folder
}
