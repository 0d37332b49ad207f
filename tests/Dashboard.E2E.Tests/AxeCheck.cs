using Dashboard.Devnet;
using Microsoft.Playwright;

namespace Dashboard.E2E.Tests;

/// <summary>axe-core (the engine behind browser accessibility audits) in a page, and what it finds.</summary>
public static class AxeCheck
{
    private static readonly string Axe = Path.Combine(RepoPaths.Root, "node_modules", "axe-core", "axe.min.js");

    /// <summary>Puts axe-core into every page of <paramref name="page"/>'s context, before the page's own scripts.</summary>
    public static Task AddAxeAsync(IPage page) => page.Context.AddInitScriptAsync(scriptPath: Axe);

    /// <summary>The serious and critical WCAG 2.1 A/AA violations axe finds in the page, or in what <paramref name="selector"/> picks.</summary>
    public static Task<string[]> SeriousViolationsAsync(IPage page, string? selector = null) =>
        page.EvaluateAsync<string[]>("""
            async selector => {
              const result = await axe.run(selector ? document.querySelector(selector) : document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
              return result.violations.filter(v => v.impact === 'critical' || v.impact === 'serious')
                .map(v => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ') + (n.failureSummary ? ' (' + n.failureSummary.split('\n').slice(1, 2).join(' ').trim() + ')' : '')).join('; ')}`);
            }
            """, selector);
}
