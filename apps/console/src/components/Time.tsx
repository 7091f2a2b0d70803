/** A timestamp as the API gives it (UTC, to the millisecond), with the local time as the tooltip. */
export function Time({ iso }: { iso: string | null | undefined }) {
  if (!iso) return <span className="muted">-</span>;
  return (
    <time dateTime={iso} title={new Date(iso).toString()}>
      {iso.replace('T', ' ').replace('Z', '')}
    </time>
  );
}
