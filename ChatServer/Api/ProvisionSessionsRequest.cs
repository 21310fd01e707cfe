namespace ChatServer.Api;

/// <summary>The body of <c>POST /api/provisioning/sessions</c>.</summary>
/// <param name="UserNames">The test users, by the usual name rules.</param>
/// <param name="Password">Their password, 8 to 128 characters; new accounts share one hash of it.</param>
public sealed record ProvisionSessionsRequest(string[]? UserNames, string? Password);
