using System.Text.RegularExpressions;
using ChatServer.Tests.Browser;
using ChatServer.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ChatServer.Tests.Js;

/// <summary>
/// The page's pure modules (store, state, model, outbox rules, id order, links, dates, the message window, the export
/// dialog's states) under <c>node --test</c>: ChatServer.Tests/Js/page/*.test.mjs import them straight from wwwroot, so
/// ./test.sh runs them.
/// </summary>
public sealed partial class PageModuleTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_page_modules_pass_their_node_unit_tests()
    {
        var root = KestrelChatApplication.FindRepositoryRoot()
            ?? throw new InvalidOperationException($"ChatServer.sln not found above {AppContext.BaseDirectory}");
        var folder = Path.Combine(root.FullName, "ChatServer.Tests", "Js", "page");
        var files = Directory.GetFiles(folder, "*.test.mjs").Order(StringComparer.Ordinal).ToArray();
        Assert.True(files.Length >= 7, $"expected the page's unit test files in {folder}, found {files.Length}");

        var result = await NodeScript.RunAsync(["--test", .. files], root.FullName, Timeout);

        output.WriteLine(result.Describe());
        Assert.True(result.ExitCode == 0, $"node --test: {result.Describe()}");
        var passed = PassCount().Match(result.StandardOutput);
        Assert.True(passed.Success && int.Parse(passed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 40,
            $"node --test reported too few passing tests: {result.Describe()}");
        Assert.Contains("# fail 0", result.StandardOutput, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^# pass (\d+)$", RegexOptions.Multiline)]
    private static partial Regex PassCount();
}
