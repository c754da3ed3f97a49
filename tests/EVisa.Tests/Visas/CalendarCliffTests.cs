using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EVisa.Core.Identity;
using EVisa.Core.Rules;
using EVisa.Tests.Infrastructure;
using EVisa.Tests.Reminders;
using Microsoft.Extensions.DependencyInjection;

namespace EVisa.Tests.Visas;

/// <summary>
/// R13: an entry whose three working days reach a year the government has not published is recorded, with a deadline
/// computed from the law, through real HTTP on a server whose clock the test sets.
/// </summary>
[Trait("Rule", "R13")]
public sealed class CalendarCliffTests
{
    [Theory]
    // Thursday 28 December 2028, 10:00 in Astana: Friday 29, then 1-2 January 2029 off, Wednesday 3, Thursday 4.
    [InlineData("2028-12-28T10:00:00+05:00", "2029-01-04", 2029)]
    // Tuesday 20 March 2035, before Nauryz (Wednesday 21 to Friday 23 March): 26, 27, 28 March.
    [InlineData("2035-03-20T10:00:00+05:00", "2035-03-28", 2035)]
    public async Task An_entry_in_an_unpublished_year_is_recorded_with_a_computed_deadline(string enteredAt, string lastDay, int computedYear)
    {
        var at = DateTimeOffset.Parse(enteredAt, System.Globalization.CultureInfo.InvariantCulture);
        var clock = new MovableClock(at);
        var logs = new CapturedLogs();
        await using var server = await TestServers.StartAsync(TestServers.UniqueHub("calendar"), logs,
            services: s => s.AddSingleton<TimeProvider>(clock));
        var entryDate = KazakhstanTime.DateOf(at);
        var (request, issued) = await VisaSamples.IssueAsync(server, entryDate.AddDays(-2), entryDate.AddDays(28));

        var response = await server.ClientFor("border-1", Role.Border).PostJsonAsync($"/api/visas/{issued.VisaNumber}/entries",
            new { checkpoint = "NQZ", passportNumber = request.PassportNumber });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var notice = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("arrivalNotice");
        var last = DateOnly.Parse(lastDay, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(KazakhstanTime.EndOf(last), notice.GetProperty("deadline").GetDateTimeOffset());
        Assert.Contains(logs.Lines, line => line.Contains($"counted through {computedYear}, computed from the law", StringComparison.Ordinal)
            && line.Contains(issued.VisaNumber, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(request.PassportNumber, StringComparison.Ordinal));
    }
}
