namespace ChatServer.Samples.ConsoleChat;

/// <summary>The lines typed or piped in, one at a time, until the end of input or cancellation.</summary>
internal sealed class InputLines(TextReader reader)
{
    /// <summary>
    /// The next line, or null at the end of input. <see cref="Console.In"/> reads synchronously even through
    /// ReadLineAsync, so the read runs on the thread pool and only the wait observes <paramref name="cancellationToken"/>:
    /// Ctrl+C ends the session at once although the pending read stays blocked until the process exits.
    /// </summary>
    public Task<string?> NextAsync(CancellationToken cancellationToken) =>
        Task.Run(reader.ReadLine, CancellationToken.None).WaitAsync(cancellationToken);
}
