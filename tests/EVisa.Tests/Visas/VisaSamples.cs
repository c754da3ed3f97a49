using System.Globalization;
using EVisa.Core.Rules;
using EVisa.Core.Visas;
using EVisa.DevServer;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Tests.Visas;

/// <summary>Visas issued through the server's own <see cref="VisaIssuer"/>, with ids of their own per test.</summary>
internal static class VisaSamples
{
    public static VisaIssueRequest Request(DateOnly? validFrom = null, DateOnly? validUntil = null)
    {
        var today = KazakhstanTime.Today(TimeProvider.System);
        var unique = Guid.NewGuid().ToString("N");
        return new VisaIssueRequest(
            ApplicationId: $"app-{unique}",
            ApplicantId: $"applicant-{unique}",
            InviterId: $"inviter-{unique}",
            InvitationNumber: "4000012345",
            PassportNumber: "E" + Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
            Surname: "ZHANG",
            GivenNames: "WEI LING",
            Nationality: "CHN",
            DateOfBirth: new DateOnly(1990, 1, 31),
            Sex: Sex.Female,
            Category: VisaCategory.Business,
            ValidFrom: validFrom ?? today.AddDays(-1),
            ValidUntil: validUntil ?? today.AddDays(29),
            VisaNumber: Random.Shared.NextInt64(1_000_000_000L, 10_000_000_000L).ToString(CultureInfo.InvariantCulture));
    }

    public static async Task<(VisaIssueRequest Request, VisaIssueResult Result)> IssueAsync(DevServerHost server,
        DateOnly? validFrom = null, DateOnly? validUntil = null)
    {
        var request = Request(validFrom, validUntil);
        var result = await server.Services.GetRequiredService<VisaIssuer>().IssueAsync(request);
        return (request, result);
    }
}
