using System.Globalization;
using EVisa.Core;
using EVisa.Core.Documents;

namespace EVisa.VisaVerifier;

/// <summary>
/// Verifies a visa seal offline (R11): the seal text from the visa's 2D code and a key set saved earlier from
/// <c>GET /api/visa-keys</c>. Prints <c>valid</c> and the signed data, or <c>invalid</c> and why. Exit code 0 for
/// a valid seal, 1 for an invalid one, 2 for a usage or key-file error, so scripts can branch on it.
/// </summary>
public static class SealCheck
{
    public const int Valid = 0;
    public const int Invalid = 1;
    public const int UsageError = 2;

    private const string Usage = "usage: evisa-verify --keys <keys.json> --seal <EV1....>  (or --seal - to read it from standard input)";

    public static int Run(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error)
    {
        string? keysPath = null, seal = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--keys" when value is not null:
                    keysPath = value;
                    i++;
                    break;
                case "--seal" when value is not null:
                    seal = value == "-" ? input.ReadToEnd() : value;
                    i++;
                    break;
                case "-h" or "--help":
                    output.WriteLine(Usage);
                    return Valid;
                default:
                    error.WriteLine(Usage);
                    return UsageError;
            }
        }

        if (keysPath is null || seal is null)
        {
            error.WriteLine(Usage);
            return UsageError;
        }

        VisaSealVerifier verifier;
        try
        {
            verifier = VisaSealVerifier.FromJwkSet(File.ReadAllText(keysPath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            error.WriteLine($"cannot read the key set {keysPath}: {ex.Message}");
            return UsageError;
        }

        var result = verifier.Verify(seal.Trim());
        if (!result.IsValid)
        {
            output.WriteLine($"invalid: {result.Reason}" + (result.KeyId is null ? "" : $" (key id {result.KeyId})"));
            return Invalid;
        }

        var data = result.Data;
        output.WriteLine("valid");
        Write(output, "key id", result.KeyId);
        Write(output, "visa number", data.VisaNumber);
        Write(output, "passport number", data.PassportNumber);
        Write(output, "surname", data.Surname);
        Write(output, "given names", data.GivenNames);
        Write(output, "nationality", data.Nationality);
        Write(output, "date of birth", Date(data.DateOfBirth));
        Write(output, "sex", data.Sex.ToString());
        Write(output, "category", data.Category.ToApiName());
        Write(output, "valid from", Date(data.ValidFrom));
        Write(output, "valid until", Date(data.ValidUntil));
        Write(output, "entries", data.Entries.ToString(CultureInfo.InvariantCulture));
        Write(output, "invitation number", data.InvitationNumber);
        // The seal proves the data is ours; whether the visa is revoked or used needs the issuer or a fresh list.
        output.WriteLine("note: compare the passport number and the dates with the passport presented (R10); revocation is checked online.");
        return Valid;
    }

    private static void Write(TextWriter output, string label, string? value) => output.WriteLine($"{label,-18} {value}");

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
