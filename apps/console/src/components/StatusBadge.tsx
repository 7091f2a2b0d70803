/** A message, step or operation status as a coloured tag (the colour comes from styles.css by status). */
export function StatusBadge({ status }: { status: string | null }) {
  const text = status ?? 'UNKNOWN';
  return <span className={`badge badge-${text.toLowerCase()}`}>{text}</span>;
}
