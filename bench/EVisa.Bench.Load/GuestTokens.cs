using System.Net.Http.Json;
using System.Text.Json;

namespace EVisa.Bench.Load;

/// <summary>Bearer tokens from the DevServer's development endpoint, issued before the clock starts.</summary>
public sealed class GuestTokens
{
    private readonly string[] _applicants;

    private GuestTokens(string inviter, string officer, string[] applicants)
    {
        Inviter = inviter;
        Officer = officer;
        _applicants = applicants;
    }

    public string Inviter { get; }
    public string Officer { get; }

    public string Applicant(int guest) => _applicants[guest];

    public static async Task<GuestTokens> IssueAsync(HttpClient http, string runId, int guests)
    {
        var applicants = new string[guests];
        await Parallel.ForAsync(0, guests, new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) => applicants[i] = await IssueAsync(http, $"applicant-{runId}-{i}", "applicant"));
        return new GuestTokens(await IssueAsync(http, $"inviter-{runId}", "inviter"),
            await IssueAsync(http, $"officer-{runId}", "officer"), applicants);
    }

    private static async Task<string> IssueAsync(HttpClient http, string subject, string role)
    {
        using var response = await http.PostAsJsonAsync("/api/dev/tokens", new { subject, role });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }
}
