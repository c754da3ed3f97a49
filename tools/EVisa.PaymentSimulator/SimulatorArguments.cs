using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using EVisa.Core.Payments;
using EVisa.DevServer.Payments;

namespace EVisa.PaymentSimulator;

/// <summary>The command line: where to post, what was paid, and with which secret to sign.</summary>
public sealed record SimulatorArguments(
    Uri Url,
    string Reference,
    long AmountMinor,
    string Currency,
    PaymentOutcome Outcome,
    string Secret,
    string? EventId)
{
    public const string Usage = """
        usage: EVisa.PaymentSimulator --reference PAY-... --amount 8000 [--currency USD] [--outcome succeeded|failed]
                                      [--url http://localhost:7071] [--secret <webhook secret>] [--event-id <id>]
          --amount    in minor units (8000 = 80.00 USD)
          --secret    defaults to the development secret in the DevServer's appsettings.Development.json
          --event-id  repeat an earlier event id to see a duplicate acknowledged and ignored
        """;

    public static bool TryParse(string[] args, [NotNullWhen(true)] out SimulatorArguments? parsed, [NotNullWhen(false)] out string? error)
    {
        parsed = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                error = $"Expected --name value pairs, got '{args[i]}'.";
                return false;
            }

            values[args[i][2..]] = args[++i];
        }

        var unknown = values.Keys.Except(["url", "reference", "amount", "currency", "outcome", "secret", "event-id"]).ToList();
        if (unknown.Count > 0)
        {
            error = $"Unknown option --{unknown[0]}.";
            return false;
        }

        if (!values.TryGetValue("reference", out var reference))
        {
            error = "--reference is required (the payment reference of an application awaiting payment).";
            return false;
        }

        if (!values.TryGetValue("amount", out var amountText)
            || !long.TryParse(amountText, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            error = "--amount is required, a whole number of minor units (8000 = 80.00).";
            return false;
        }

        if (!Uri.TryCreate(values.GetValueOrDefault("url", "http://localhost:7071"), UriKind.Absolute, out var url))
        {
            error = "--url must be an absolute URL such as http://localhost:7071.";
            return false;
        }

        PaymentOutcome? outcome = values.GetValueOrDefault("outcome", "succeeded") switch
        {
            "succeeded" => PaymentOutcome.Succeeded,
            "failed" => PaymentOutcome.Failed,
            _ => null,
        };
        if (outcome is null)
        {
            error = "--outcome must be succeeded or failed.";
            return false;
        }

        parsed = new SimulatorArguments(url, reference, amount, values.GetValueOrDefault("currency", "USD"), outcome.Value,
            values.GetValueOrDefault("secret", PaymentProviderSimulator.DevelopmentSecret), values.GetValueOrDefault("event-id"));
        error = null;
        return true;
    }
}
