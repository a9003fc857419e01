import type { ReconcileCompleted } from '@livegate/contracts';
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ReconcileReport from './ReconcileReport.svelte';

const report: ReconcileCompleted = {
  runId: 'run-1',
  trigger: 'operator',
  venue: 'live',
  startedAt: '2026-01-31T12:00:00.000Z',
  finishedAt: '2026-01-31T12:00:00.420Z',
  durationMs: 420,
  rowsChecked: 12,
  rowsChanged: { 'UNKNOWN->NOT_PLACED': 1, 'NEW->FILLED': 2 },
  fillsAdded: 3,
  externalOrders: 1,
  unresolved: 0,
  errors: [],
};

describe('ReconcileReport', () => {
  it('shows counts, duration and the verdict', () => {
    const { container } = render(ReconcileReport, { report });
    expect(container).toHaveTextContent('Database and exchange agree.');
    expect(container).toHaveTextContent('420 ms');
    expect(container).toHaveTextContent('Rows checked 12');
    expect(container).toHaveTextContent('UNKNOWN->NOT_PLACED: 1, NEW->FILLED: 2');
    expect(container).toHaveTextContent('External orders 1');
  });

  it('warns when orders stay unresolved or the run had errors', () => {
    const { container } = render(ReconcileReport, {
      report: {
        ...report,
        rowsChanged: {},
        unresolved: 2,
        errors: [{ code: 'VENUE_DOWN', message: 'venue did not answer' }],
      },
    });
    expect(container).toHaveTextContent(
      'may still disagree with the exchange: 2 unresolved, 1 errors',
    );
    expect(container).toHaveTextContent('Rows changed none');
    expect(screen.getByRole('listitem')).toHaveTextContent('VENUE_DOWN venue did not answer');
  });

  it('says when nothing is known or no run finished', () => {
    const first = render(ReconcileReport, { report: undefined });
    expect(first.container).toHaveTextContent('Waiting for the live feed');
    first.unmount();
    const { container } = render(ReconcileReport, { report: null });
    expect(container).toHaveTextContent('No reconcile run has finished yet.');
  });
});
