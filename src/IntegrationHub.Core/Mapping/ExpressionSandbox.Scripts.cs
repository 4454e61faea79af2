namespace IntegrationHub.Core.Mapping;

/// <summary>The JavaScript every sandbox engine runs once at creation: the helpers, then freezing everything reachable.</summary>
public static partial class ExpressionSandbox
{
    private const string Prelude = """
        'use strict';
        const round = (x, digits) => { const f = Math.pow(10, digits || 0); return Math.round((x + Number.EPSILON) * f) / f; };
        const dates = (() => {
          const parse = d => { const t = new Date(String(d).length === 10 ? d + 'T00:00:00Z' : d); if (isNaN(t.getTime())) throw new TypeError('not a date: ' + d); return t; };
          const iso = t => t.toISOString().slice(0, 10);
          const pad = (n, w) => String(n).padStart(w, '0');
          return {
            parse: d => parse(d).toISOString(),
            addDays: (d, n) => { const t = parse(d); t.setUTCDate(t.getUTCDate() + n); return iso(t); },
            addMonths: (d, n) => {
              const t = parse(d);
              const first = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + n, 1));
              const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
              return iso(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(t.getUTCDate(), last))));
            },
            daysBetween: (a, b) => Math.round((parse(b).getTime() - parse(a).getTime()) / 86400000),
            year: d => parse(d).getUTCFullYear(),
            month: d => parse(d).getUTCMonth() + 1,
            day: d => parse(d).getUTCDate(),
            endOfMonth: d => { const t = parse(d); return iso(new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0))); },
            format: (d, f) => { const t = parse(d); return f.replace('yyyy', t.getUTCFullYear()).replace('MM', pad(t.getUTCMonth() + 1, 2)).replace('dd', pad(t.getUTCDate(), 2)); },
          };
        })();
        globalThis.round = round;
        globalThis.dates = dates;
        """;

    // Freezes the global object, every built-in reachable from it and their prototypes: an expression cannot define a
    // global, patch Object.freeze or a prototype, or otherwise leave anything behind in the engine it shares.
    private const string FreezeEverything = """
        (function () {
          'use strict';
          const seen = new Set();
          const pending = [globalThis];
          while (pending.length > 0) {
            const o = pending.pop();
            if (o === null || (typeof o !== 'object' && typeof o !== 'function') || seen.has(o)) continue;
            seen.add(o);
            Object.freeze(o);
            for (const key of Reflect.ownKeys(o)) {
              const d = Object.getOwnPropertyDescriptor(o, key);
              if (d && 'value' in d) pending.push(d.value);
            }
            pending.push(Object.getPrototypeOf(o));
          }
        })();
        """;
}
