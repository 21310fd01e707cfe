namespace ChatServer.Api;

public sealed record RegisteredUser(string UserName);
