// Times how long the chat page takes to render a 500-message JoinRoom snapshot, for two copies of wwwroot side by
// side (before and after a change), in interleaved rounds so drift on a shared machine hits both alike. The page
// runs in headless Chromium at 1280×800 with everything it fetches served from the given folders: a fake hub
// (fake-signalr.js) answers JoinRoom and measures from its answer to the next painted frame; no server is needed.
//   dotnet run -c Release --project bench/PageRender -- --before /tmp/page-before/wwwroot --after wwwroot [--rounds 15] [--messages 500]
using System.Globalization;
using System.Reflection;
using Microsoft.Playwright;

var options = Options.Parse(args);
var fakeHub = await ReadResourceAsync("fake-signalr.js");
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});

var results = options.Variants.ToDictionary(v => v.Name, _ => new List<(double Ms, int Nodes)>());
for (var round = 1; round <= options.Rounds; round++)
{
    foreach (var variant in options.Variants)
    {
        var sample = await RenderOnceAsync(browser, variant.Folder, fakeHub, options.Messages);
        results[variant.Name].Add(sample);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round,2} {variant.Name,-6} {sample.Ms,8:F1} ms  {sample.Nodes} list items"));
    }
}

Console.WriteLine();
var medians = results.ToDictionary(r => r.Key, r => Median(r.Value.Select(s => s.Ms)));
foreach (var (name, samples) in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-6} median {medians[name],7:F1} ms  (min {samples.Min(s => s.Ms):F1}, max {samples.Max(s => s.Ms):F1}; {samples[0].Nodes} list items in the DOM)"));
}
var (first, second) = (options.Variants[0].Name, options.Variants[1].Name);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{second} ÷ {first}: {medians[second] / medians[first]:F2}× the render time of a {options.Messages}-message snapshot"));

static async Task<(double Ms, int Nodes)> RenderOnceAsync(IBrowser browser, string folder, string fakeHub, int messages)
{
    await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = "http://page.bench/",
        ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
    });
    await context.RouteAsync("**/*", route => Serve(route, folder, fakeHub));
    var page = await context.NewPageAsync();
    await page.GotoAsync("/");
    await page.EvaluateAsync("n => { window.__bench.count = n; }", messages);
    await page.Locator("#username").FillAsync("bench");
    await page.Locator("#password").FillAsync("correct horse battery");
    await page.Locator("#login").ClickAsync();
    await page.Locator("#room-input").FillAsync("bench");
    await page.Locator("#join").ClickAsync();
    await page.WaitForFunctionAsync("() => window.__bench.ms !== null");
    var ms = await page.EvaluateAsync<double>("() => window.__bench.ms");
    var nodes = await page.EvaluateAsync<int>("() => window.__bench.nodes");
    return (ms, nodes);
}

static Task Serve(IRoute route, string folder, string fakeHub)
{
    var path = new Uri(route.Request.Url).AbsolutePath;
    if (path is "/api/auth/login" or "/api/auth/register")
    {
        return route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "application/json",
            Body = """{"accessToken":"bench","expiresIn":3600,"userName":"bench","refreshToken":"bench"}""",
        });
    }
    if (path == "/lib/signalr.min.js")
    {
        return route.FulfillAsync(new RouteFulfillOptions { ContentType = "text/javascript", Body = fakeHub });
    }
    var file = Path.GetFullPath(Path.Combine(folder, path == "/" ? "index.html" : path.TrimStart('/')));
    if (!file.StartsWith(Path.GetFullPath(folder), StringComparison.Ordinal) || !File.Exists(file))
    {
        return route.FulfillAsync(new RouteFulfillOptions { Status = 404, Body = string.Empty });
    }
    var type = Path.GetExtension(file) switch
    {
        ".html" => "text/html",
        ".js" => "text/javascript",
        ".css" => "text/css",
        ".json" => "application/json",
        _ => "application/octet-stream",
    };
    return route.FulfillAsync(new RouteFulfillOptions { ContentType = type, Path = file });
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

static async Task<string> ReadResourceAsync(string name)
{
    await using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"resource {name} missing");
    using var reader = new StreamReader(stream);
    return await reader.ReadToEndAsync();
}

internal sealed record Variant(string Name, string Folder);

internal sealed record Options(IReadOnlyList<Variant> Variants, int Rounds, int Messages)
{
    public static Options Parse(string[] args)
    {
        string? before = null;
        string? after = null;
        var rounds = 15;
        var messages = 500;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--before": before = args[i + 1]; break;
                case "--after": after = args[i + 1]; break;
                case "--rounds": rounds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--messages": messages = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (before is null || after is null || !File.Exists(Path.Combine(before, "index.html")) || !File.Exists(Path.Combine(after, "index.html")))
        {
            throw new ArgumentException("usage: --before <wwwroot> --after <wwwroot> [--rounds N] [--messages N] (each folder holds an index.html)");
        }
        return new Options([new Variant("before", before), new Variant("after", after)], rounds, messages);
    }
}
