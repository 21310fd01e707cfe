namespace ChatServer.Samples.ConsoleChat;

/// <summary>A value the session needs was neither passed nor can be asked for.</summary>
internal sealed class MissingInputException(string message) : Exception(message);
