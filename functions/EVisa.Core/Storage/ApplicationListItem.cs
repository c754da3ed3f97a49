
namespace EVisa.Core.Storage;

/// <summary>One row of an officer's list of applications in a status.</summary>
public sealed record ApplicationListItem(string ApplicationId, DateTimeOffset StatusChangedAt);
