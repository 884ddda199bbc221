// Greedy CTC decoding of a recogniser's per-step class probabilities, restricted to an
// allowed character set (the plate alphabet) so the model cannot answer with other scripts.

export interface CtcResult {
  text: string;
  /** Mean probability of the emitted characters (0 when none). */
  confidence: number;
}

/**
 * probs: steps x classes, row-major; class 0 is the CTC blank and class i >= 1 is
 * charset[i - 1]. allowed: the class indices that may be emitted (blank is always allowed).
 */
export function ctcGreedyDecode(probs: Float32Array, steps: number, classes: number, charset: readonly string[], allowed: readonly number[]): CtcResult {
  let text = '';
  let sum = 0;
  let emitted = 0;
  let previous = 0;
  for (let t = 0; t < steps; t += 1) {
    const row = t * classes;
    let best = 0;
    let bestProb = probs[row]!;
    for (const index of allowed) {
      const p = probs[row + index]!;
      if (p > bestProb) {
        best = index;
        bestProb = p;
      }
    }
    if (best !== 0 && best !== previous) {
      text += charset[best - 1] ?? '';
      sum += bestProb;
      emitted += 1;
    }
    previous = best;
  }
  return { text, confidence: emitted ? sum / emitted : 0 };
}

/** Class indices (1-based into the recogniser's output) of the characters in `alphabet`. */
export function allowedClasses(charset: readonly string[], alphabet: string): number[] {
  const wanted = new Set(alphabet);
  return charset.flatMap((ch, i) => (wanted.has(ch) ? [i + 1] : []));
}
