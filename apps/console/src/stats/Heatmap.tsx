/** A matrix of probabilities (rows: from, columns: to) as shaded cells, with counts as tooltips. */
export function Heatmap({ label, rows, columns, values, counts }: { label: string; rows: string[]; columns: string[]; values: Record<string, Record<string, number>>; counts?: Record<string, Record<string, number>> }) {
  return (
    <table className="heatmap" aria-label={label}>
      <thead>
        <tr>
          <th className="corner">from \ to</th>
          {columns.map((c) => (
            <th key={c} className="col">
              <span>{c}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r}>
            <th className="rowh">{r}</th>
            {columns.map((c) => {
              const p = values[r]?.[c] ?? 0;
              const n = counts?.[r]?.[c];
              return (
                <td key={c} style={{ background: p > 0 ? `rgba(37, 99, 235, ${0.12 + 0.88 * p})` : undefined, color: p > 0.55 ? '#fff' : undefined }} title={`${r} → ${c}: ${(p * 100).toFixed(1)}%${n !== undefined ? ` (${n})` : ''}`}>
                  {p > 0 ? p.toFixed(2) : ''}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
