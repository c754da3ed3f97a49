namespace EVisa.Core.Identity;

/// <summary>Who made a request: the token's subject and its one role.</summary>
public sealed record Caller(string Subject, Role Role);
