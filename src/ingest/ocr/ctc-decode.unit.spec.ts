import { describe, expect, it } from 'vitest';
import { allowedClasses, ctcGreedyDecode } from './ctc-decode.js';

const charset = ['A', 'B', '中', '1', '-'];

function probs(rows: number[][]): Float32Array {
  return Float32Array.from(rows.flat());
}

describe('CTC greedy decoding', () => {
  it('collapses repeats, drops blanks and keeps a repeat separated by a blank', () => {
    // classes: 0 blank, 1 A, 2 B, 3 中, 4 1, 5 -
    const rows = [
      [0.1, 0.9, 0, 0, 0, 0],
      [0.1, 0.9, 0, 0, 0, 0],
      [0.9, 0.1, 0, 0, 0, 0],
      [0.2, 0.8, 0, 0, 0, 0],
      [0.3, 0, 0, 0, 0.7, 0],
    ];
    const result = ctcGreedyDecode(probs(rows), 5, 6, charset, allowedClasses(charset, 'AB1-'));
    expect(result.text).toBe('AA1');
    expect(result.confidence).toBeCloseTo((0.9 + 0.8 + 0.7) / 3, 6);
  });

  it('never emits a character outside the allowed alphabet', () => {
    const rows = [[0.1, 0.2, 0, 0.7, 0, 0]];
    expect(ctcGreedyDecode(probs(rows), 1, 6, charset, allowedClasses(charset, 'AB1-')).text).toBe('A');
  });
});
