using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Playwright;

namespace ChatServer.Tests.Browser;

/// <summary>
/// Looks at a screen of the page the way a reviewer and an accessibility checker would: saves a screenshot under
/// TestResults/screenshots, and runs axe-core (node_modules/axe-core, injected as a same-origin script so the page's
/// Content-Security-Policy stays as it is) asserting no serious or critical violation.
/// </summary>
internal static class PageAudit
{
    private const string AxeUrl = "/__tests__/axe.min.js";

    private const string RunAxe = """
        async () => {
            const result = await axe.run(document, { resultTypes: ['violations'] });
            return JSON.stringify(result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help}\n` + v.nodes.map(n => `    ${n.target.join(' ')}: ${n.failureSummary}`).join('\n')));
        }
        """;

    private static readonly ConditionalWeakTable<IBrowserContext, object> Routed = [];

    private static DirectoryInfo Root => KestrelChatApplication.FindRepositoryRoot()
        ?? throw new InvalidOperationException($"ChatServer.sln not found above {AppContext.BaseDirectory}");

    /// <summary>The screenshot, then axe: no serious or critical violations on what is on screen now.</summary>
    public static async Task CheckAsync(IPage page, PageSize size, string screen)
    {
        await ScreenshotAsync(page, size, screen);
        var violations = await ViolationsAsync(page);
        Assert.True(violations.Count == 0, $"axe on '{screen}' at {size}:\n{string.Join('\n', violations)}");
    }

    public static async Task ScreenshotAsync(IPage page, PageSize size, string screen)
    {
        var folder = Path.Combine(Root.FullName, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        // Transitions (drawers sliding in) end before the picture is taken.
        await page.WaitForTimeoutAsync(250);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{screen}-{size.Name}.png") });
    }

    /// <summary>The element's text is all in sight: neither cut by an ellipsis nor clamped to fewer lines.</summary>
    public static async Task AssertWholeAsync(ILocator element, PageSize size)
    {
        var box = await element.EvaluateAsync<string>("e => `${e.scrollWidth}×${e.scrollHeight} in ${e.clientWidth}×${e.clientHeight}`");
        Assert.True(await element.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight"),
            $"'{await element.TextContentAsync()}' is cut at {size}: {box}");
    }

    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        var axe = Path.Combine(Root.FullName, "node_modules", "axe-core", "axe.min.js");
        Assert.True(File.Exists(axe), $"{axe} is missing: run 'npm ci' in the repository root");
        if (!Routed.TryGetValue(page.Context, out _))
        {
            Routed.AddOrUpdate(page.Context, new object());
            await page.Context.RouteAsync($"**{AxeUrl}", route => route.FulfillAsync(new RouteFulfillOptions { Path = axe, ContentType = "text/javascript" }));
        }
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Url = AxeUrl });
        }
        return JsonSerializer.Deserialize<string[]>(await page.EvaluateAsync<string>(RunAxe)) ?? [];
    }
}
