namespace ChatServer.Auth;

/// <summary>Log events of tokens and sessions (EventIds 4300-4399). Never a token's text.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 4300, Level = LogLevel.Information, Message = "Created signing key {KeyId}: the key ring was empty")]
    public static partial void KeyCreated(ILogger logger, string keyId);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "The key store lacked {Count} signing keys this instance holds ({KeyIds}; it held {StoredCount}): Redis lost its data? Wrote them back, so tokens they signed keep working")]
    public static partial void KeyRingReseeded(ILogger logger, int count, IEnumerable<string> keyIds, int storedCount);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Information, Message = "Rotated the signing key: {KeyId} signs from now on; {PreviousKeyId} validates until its grace period ends")]
    public static partial void KeyRotated(ILogger logger, string keyId, string previousKeyId);

    [LoggerMessage(EventId = 4303, Level = LogLevel.Information, Message = "Retired signing keys {KeyIds}: their grace period is over")]
    public static partial void KeysRetired(ILogger logger, IEnumerable<string> keyIds);

    [LoggerMessage(EventId = 4304, Level = LogLevel.Debug, Message = "Learned signing keys {KeyIds} from the key store")]
    public static partial void KeysAdopted(ILogger logger, IEnumerable<string> keyIds);

    [LoggerMessage(EventId = 4305, Level = LogLevel.Debug, Message = "Refreshing the key ring waits for Redis: {Reason}")]
    public static partial void KeyRingRefreshUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = 4306, Level = LogLevel.Warning, Message = "Refreshing the key ring failed; retrying on the next tick")]
    public static partial void KeyRingRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4310, Level = LogLevel.Warning, Message = "Refresh token reuse detected for {UserName}: a replaced token of family {FamilyId} was presented again; the family is revoked")]
    public static partial void RefreshTokenReused(ILogger logger, string userName, string familyId);

    [LoggerMessage(EventId = 4311, Level = LogLevel.Information, Message = "Refresh token family {FamilyId} of {UserName} revoked: the account is gone or was registered again")]
    public static partial void RefreshFamilyOrphaned(ILogger logger, string userName, string familyId);

    [LoggerMessage(EventId = 4320, Level = LogLevel.Debug, Message = "Authentication waits for Redis: {Reason}")]
    public static partial void AuthenticationUnavailable(ILogger logger, string reason);
}
