using EVisa.Core.Rules;

namespace EVisa.Core.Documents;

/// <summary>
/// The essential data of a visa that its seal signs: what a border officer needs to match the visa to the
/// passport and the traveller without asking the issuer (R10, R11).
/// </summary>
public sealed record VisaSealData(
    string VisaNumber,
    string PassportNumber,
    string Surname,
    string GivenNames,
    string Nationality,
    DateOnly DateOfBirth,
    char Sex,
    VisaCategory Category,
    DateOnly ValidFrom,
    DateOnly ValidUntil,
    int Entries,
    string InvitationNumber);

/// <summary>Why a seal did not verify.</summary>
public enum VisaSealFailure
{
    /// <summary>Not a seal of this format, or its data cannot be decoded.</summary>
    Malformed,

    /// <summary>Signed with a key id that is not in the key set.</summary>
    UnknownKey,

    /// <summary>The signature does not match the data: altered, or signed by another key.</summary>
    BadSignature,
}

/// <summary>The outcome of verifying a seal: the decoded data when valid, else the reason.</summary>
public sealed record VisaSealVerification
{
    private VisaSealVerification(VisaSealData? data, VisaSealFailure? failure, string? keyId)
    {
        Data = data;
        Failure = failure;
        KeyId = keyId;
    }

    public VisaSealData? Data { get; }

    public VisaSealFailure? Failure { get; }

    /// <summary>The key id the seal names, when it could be read.</summary>
    public string? KeyId { get; }

    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Data))]
    public bool IsValid => Data is not null;

    /// <summary>The reason in the API's spelling: <c>malformed</c>, <c>unknown-key</c>, <c>bad-signature</c>.</summary>
    public string? Reason => Failure switch
    {
        VisaSealFailure.Malformed => "malformed",
        VisaSealFailure.UnknownKey => "unknown-key",
        VisaSealFailure.BadSignature => "bad-signature",
        _ => null,
    };

    internal static VisaSealVerification Valid(VisaSealData data, string keyId) => new(data, null, keyId);

    internal static VisaSealVerification Invalid(VisaSealFailure failure, string? keyId = null) => new(null, failure, keyId);
}
