import type { Progress } from './await-terminal';
import type { OrdersSummary } from './orders-summary';

/** One line: `143/200 ended (COMPLETED 120, COMPENSATED 23, PROCESSING 57) after 4.2 s`. */
export function formatProgress({ terminal, total, byStatus, elapsedMs }: Progress): string {
  const statuses = byStatus.map(([status, n]) => `${status} ${n}`).join(', ');
  return `${terminal}/${total} ended (${statuses}) after ${(elapsedMs / 1000).toFixed(1)} s`;
}

/** The table of final statuses, then timing and what each service saw. */
export function formatSummary(summary: OrdersSummary): string {
  const width = Math.max(...summary.byStatus.map(([status]) => status.length));
  const digits = String(summary.count).length;
  const rows = summary.byStatus.map(([status, n]) => `  ${status.padEnd(width)}  ${String(n).padStart(digits)}  ${percent(n, summary.count)}`);
  const { payments, inventory, shipping } = summary;
  return [
    `${summary.count} orders (ids ${summary.runTag}-1 … ${summary.runTag}-${summary.count}), final status:`,
    ...rows,
    `elapsed ${(summary.elapsedMs / 1000).toFixed(1)} s (publishing ${(summary.publishMs / 1000).toFixed(1)} s), ` +
      `${summary.ordersPerSecond.toFixed(1)} orders/s`,
    `payments:  ${payments.charged.length} charged, ${payments.declined.length} declined (402), ${payments.refunded.length} refunded, ` +
      `${payments.repeats} repeated requests answered from the idempotency store`,
    `inventory: ${inventory.reserved.length} reserved, ${inventory.released.length} released, ` +
      `${inventory.busyRefusals} first attempts refused as busy (retried)`,
    `shipping:  ${shipping.shipped.length} shipped`,
  ].join('\n');
}

function percent(n: number, total: number): string {
  return `${((100 * n) / total).toFixed(1).padStart(5)} %`;
}
