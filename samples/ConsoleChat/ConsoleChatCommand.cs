using System.CommandLine;
using ChatServer.Client;
using ChatServer.Contracts;
using Spectre.Console;

namespace ChatServer.Samples.ConsoleChat;

/// <summary>The command line: where to connect and as whom; then sign in and run the session.</summary>
internal static class ConsoleChatCommand
{
    /// <summary>Where the password may come from instead of the command line (which other users of the machine can see).</summary>
    public const string PasswordVariable = "CHATSERVER_PASSWORD";

    public const int ExitOk = 0;
    public const int ExitFailed = 1;

    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TextReader input, CancellationToken cancellationToken)
    {
        var server = new Option<string>("--server")
        {
            Description = "The server's (or nginx's) root URL",
            DefaultValueFactory = _ => "http://127.0.0.1:5000/",
        };
        server.Validators.Add(result =>
        {
            if (ServerUri(result.GetValueOrDefault<string>()) is null)
            {
                result.AddError("--server must be an absolute http or https URL, e.g. http://127.0.0.1:8080/");
            }
        });
        var user = new Option<string?>("--user") { Description = "User name; registered on first use (asked for when missing)" };
        var password = new Option<string?>("--password")
        {
            Description = $"Password, 8 to 128 characters (default: ${PasswordVariable}; asked for when missing)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(PasswordVariable),
        };

        var root = new RootCommand("ChatServer in a terminal: rooms, live messages, history, typing, direct messages") { server, user, password };
        root.SetAction((parsed, token) => ChatAsync(ServerUri(parsed.GetValue(server))!, parsed.GetValue(user), parsed.GetValue(password), console, input, token));
        return await root.Parse(args).InvokeAsync(cancellationToken: cancellationToken);
    }

    private static async Task<int> ChatAsync(Uri server, string? userName, string? password, IAnsiConsole console, TextReader input, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = server };
        LoginResponse login;
        try
        {
            login = await SignIn.RunAsync(new ChatApiClient(http), console, userName, password, cancellationToken);
        }
        catch (Exception error) when (error is ChatApiException or HttpRequestException or MissingInputException)
        {
            console.MarkupLineInterpolated($"[red]sign-in failed: {error.Message}[/]");
            return ExitFailed;
        }

        var view = new ChatView(console, login.UserName);
        view.SignedIn(server);
        int exitCode;
        await using (var client = new ChatClient(new ChatClientOptions
        {
            ServerUri = server,
            AccessTokenProvider = _ => Task.FromResult<string?>(login.AccessToken),
        }))
        {
            exitCode = await RunSessionAsync(new ChatSession(client, view), new InputLines(input), view, cancellationToken);
        }

        // After the connection is closed, so nothing of the session can follow it.
        view.SignedOff();
        return exitCode;
    }

    private static async Task<int> RunSessionAsync(ChatSession session, InputLines input, ChatView view, CancellationToken cancellationToken)
    {
        try
        {
            await session.RunAsync(input, cancellationToken);
            return ExitOk;
        }
        catch (HttpRequestException error)
        {
            view.Error($"could not connect: {error.Message}");
            return ExitFailed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C is a normal way to leave.
            return ExitOk;
        }
    }

    private static Uri? ServerUri(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;
}
