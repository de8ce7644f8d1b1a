/**
 * A round of questions, then the answers of the panellists they were addressed to: the console
 * says who owes answers and inscribes each answer in one press.
 */
import { describe, expect, it } from 'vitest';
import { LAPTOP, MODERATOR_TOKEN, openPage, SESSION, gavelAndBrowser } from './harness.ts';

const run = gavelAndBrowser();

describe('a round of questions in the console', () => {
  it('lists the panellists who owe answers, grouped, and inscribes an answer in one press', async () => {
    for (const command of [
      { type: 'session.start' },
      { type: 'segment.end' },
      { type: 'floor.open' },
      { type: 'floor.request', delegation: 'arg', kind: 'question', addressedTo: 'bensouda' },
      { type: 'floor.request', delegation: 'bel', kind: 'question', addressedTo: 'von-hebel' },
      { type: 'floor.request', delegation: 'can', kind: 'question', addressedTo: 'bensouda' },
      { type: 'speaker.next', start: true },
      { type: 'speaker.next', start: true },
      { type: 'speaker.next', start: true },
      { type: 'speaker.finish' },
    ]) {
      await run.gavel.command(command);
    }
    const { context, page } = await openPage(
      run.browser,
      `${run.gavel.url}/console/${SESSION}?token=${MODERATOR_TOKEN}`,
      LAPTOP,
    );
    const due = page.getByTestId('answers-due');
    await due.waitFor();
    const rows = (await due.locator('li').allInnerTexts()).map((r) => r.replace(/\s+/g, ' '));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('Ms Fatou Bensouda 2 questions');
    expect(rows[1]).toContain('Mr Herman von Hebel 1 question');

    await page.getByTestId('answer-bensouda').click();
    await expect.poll(() => due.locator('li').count()).toBe(1);
    const view = (await (
      await fetch(`${run.gavel.url}/api/sessions/${SESSION}`, {
        headers: { authorization: `Bearer ${MODERATOR_TOKEN}` },
      })
    ).json()) as {
      floor: { queue: { kind: string; delegation: { en: string }; speakerName: string }[] };
    };
    // The answer is the panellist's organisation's, given by the panellist (issue 15, item 6: its
    // delegation was named "Fatou Bensouda").
    expect(view.floor.queue.map((q) => [q.kind, q.delegation.en, q.speakerName])).toEqual([
      ['answer', 'Office of the Prosecutor', 'Ms Fatou Bensouda'],
    ]);
    await context.close();
  });
});
