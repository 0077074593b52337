namespace RelationshipGrains.BrowserTests.Infrastructure;

/// <summary>
/// Checks run in the page: every control has a name, visible text meets WCAG AA contrast (4.5:1) against the
/// background it sits on, and nothing is wider than the window.
/// </summary>
public static class Accessibility
{
    public const string Script = """
        () => {
          const problems = [];
          for (const el of document.querySelectorAll('input, select, textarea, button')) {
            if (el.type === 'hidden' || el.closest('[hidden]')) continue;
            const named = (el.labels && el.labels.length) || el.getAttribute('aria-label') || (el.tagName === 'BUTTON' && el.textContent.trim());
            if (!named) problems.push(`unlabelled ${el.tagName.toLowerCase()} '${el.name || ''}'`);
          }
          const rgb = s => (s.match(/[\d.]+/g) || []).map(Number);
          const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
          const luminance = c => 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
          const background = el => {
            for (let e = el; e; e = e.parentElement) {
              const c = rgb(getComputedStyle(e).backgroundColor);
              if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) return c;
            }
            return [255, 255, 255];
          };
          for (const el of document.querySelectorAll('body *')) {
            if (!el.getClientRects().length || el.closest('[hidden], .visually-hidden')) continue;
            if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
            const style = getComputedStyle(el);
            if (style.visibility === 'hidden' || parseFloat(style.opacity) < 1 || el.closest('button:disabled')) continue;
            const a = luminance(rgb(style.color));
            const b = luminance(background(el));
            const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            if (ratio < 4.5) problems.push(`contrast ${ratio.toFixed(2)}:1 for '${el.textContent.trim().slice(0, 40)}'`);
          }
          if (document.documentElement.scrollWidth > window.innerWidth + 1) {
            problems.push(`the page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window`);
          }
          return problems;
        }
        """;
}
