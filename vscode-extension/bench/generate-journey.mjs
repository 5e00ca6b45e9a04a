// Writes a large, valid journey: events, features, a model, a chain of stages with event,
// timer and score transitions, campaigns over them and tests, until it has `lines` lines.
export function generateJourney(lines = 2000) {
  const out = ['journey Generated "a large journey for measurements" {', '  entry on e0', '  reentry after 30 days'];
  const events = 40;
  for (let e = 0; e < events; e++) {
    out.push(`  /** Event number ${e}. */`, `  event e${e} { id: string  amount: decimal }`);
  }
  const features = 40;
  for (let f = 0; f < features; f++) {
    out.push(`  feature f${f} = sum(e${f % events}.amount) over ${1 + (f % 30)} days`);
  }
  out.push('  model score "models/score.onnx" {', '    inputs f0, f1, f2, f3', '    output probability[1]', '  }');
  const stageCount = Math.max(10, Math.floor((lines - out.length - 2) / 6.4));
  const phases = ['awareness', 'consideration', 'purchase', 'loyalty'];
  const body = [];
  for (let s = 0; s < stageCount; s++) {
    const next = (s + 1) % stageCount;
    const skip = (s + 7) % stageCount;
    body.push(`  /** Stage ${s}. */`,
      `  stage S${s} (${phases[s % 4]}) {`,
      `    on e${s % events} if e${s % events}.amount > ${s % 50} -> S${next}`,
      `    after ${1 + (s % 12)} hours -> S${skip}`,
      `    when score > 0.${(s % 9) + 1} -> S${next}`,
      '  }');
    if (s % 10 === 9) {
      body.push(`  campaign C${s} in S${s - 1}, S${s} {`,
        `    rule "r${s}" when f${s % features} > 10 then send email "t${s}"`,
        `    rule "o${s}" otherwise then send push "p${s}"`,
        '  }');
    }
  }
  out.push(...body);
  while (out.length < lines - 1) {
    out.push(`  // filler ${out.length}`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}
