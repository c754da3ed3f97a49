using EVisa.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EVisa.Tests.Pages;

/// <summary>What every visit gets: a first page light enough for a slow connection abroad, in the visitor's language.</summary>
public sealed class PortalPageTests(ITestOutputHelper output)
{
    /// <summary>Everything the first page transfers, compressed as the server sends it: the page, script, style, language, configuration.</summary>
    [Fact]
    public async Task TheFirstPageTransfersAtMost150KilobytesCompressed()
    {
        var server = await TestServers.SharedAsync();
        var browser = await PortalBrowser.SharedAsync();
        await using var context = await browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), Locale = "kk" });
        var page = await context.NewPageAsync();
        var responses = new List<IResponse>();
        page.Response += (_, response) => responses.Add(response);
        await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.NetworkIdle });
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync(PortalTexts.Text("kk", "start.title"));

        long total = 0;
        foreach (var response in responses)
        {
            var sizes = await response.Request.SizesAsync();
            total += sizes.ResponseBodySize + sizes.ResponseHeadersSize;
            output.WriteLine($"{response.Status} {response.Url} {response.Headers.GetValueOrDefault("content-encoding", "-")} {sizes.ResponseBodySize + sizes.ResponseHeadersSize} B");
        }

        output.WriteLine($"first load: {responses.Count} responses, {total} B transferred");
        Directory.CreateDirectory(Path.Combine(PortalTexts.Root, "artifacts"));
        await File.WriteAllTextAsync(Path.Combine(PortalTexts.Root, "artifacts", "first-load.txt"), $"{total} bytes in {responses.Count} responses\n");
        Assert.Contains(responses, r => r.Url.EndsWith("/app.js", StringComparison.Ordinal) && r.Headers.ContainsKey("content-encoding"));
        Assert.InRange(total, 1, 150 * 1024);
    }

    [Fact]
    public async Task TheLanguageComesFromTheBrowserAndTheChoiceIsRemembered()
    {
        var server = await TestServers.SharedAsync();
        var browser = await PortalBrowser.SharedAsync();

        await using (var german = await browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), Locale = "de-DE" }))
        {
            var page = await german.NewPageAsync();
            await page.GotoAsync("/");
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        }

        await using var russian = await browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString(), Locale = "ru-RU" });
        var visit = await russian.NewPageAsync();
        await visit.GotoAsync("/");
        await Assertions.Expect(visit.Locator("html")).ToHaveAttributeAsync("lang", "ru");
        await Assertions.Expect(visit.Locator("main h1")).ToHaveTextAsync(PortalTexts.Text("ru", "start.title"));
        await Assertions.Expect(visit).ToHaveTitleAsync(PortalTexts.Text("ru", "start.title") + " – " + PortalTexts.Text("ru", "service.name"));

        await visit.GetByRole(AriaRole.Button, new() { Name = "Қазақша" }).ClickAsync();
        await Assertions.Expect(visit.Locator("html")).ToHaveAttributeAsync("lang", "kk");
        await Assertions.Expect(visit.Locator("main h1")).ToHaveTextAsync(PortalTexts.Text("kk", "start.title"));
        await Assertions.Expect(visit.GetByRole(AriaRole.Button, new() { Name = "Қазақша" })).ToHaveAttributeAsync("aria-pressed", "true");

        await visit.ReloadAsync();
        await Assertions.Expect(visit.Locator("html")).ToHaveAttributeAsync("lang", "kk");
        await Assertions.Expect(visit).ToHaveTitleAsync(PortalTexts.Text("kk", "start.title") + " – " + PortalTexts.Text("kk", "service.name"));
    }
}
