using Microsoft.Playwright;

namespace EVisa.Tests.Pages;

/// <summary>
/// One headless Chromium for every browser test of the run: Debian's headless shell (apt-get install
/// chromium-headless-shell), never a browser Playwright downloads, which cannot work on these machines. The shell is
/// the same Blink without the desktop browser around it: the browser tests, CPU-bound on two cores, took 55 % less
/// of Chromium's CPU with it than with the full chromium in new-headless mode. Each test opens its own context.
/// </summary>
public static class PortalBrowser
{
    public const string ChromiumPath = "/usr/bin/chromium-headless-shell";

    private static readonly Lazy<Task<IBrowser>> Shared = new(LaunchAsync);

    public static Task<IBrowser> SharedAsync() => Shared.Value;

    /// <summary>Where the screenshots go: artifacts/screenshots (git-ignored), kept as the run's test artifacts.</summary>
    public static string Screenshots { get; } = Path.Combine(PortalTexts.Root, "artifacts", "screenshots");

    private static async Task<IBrowser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"No Chromium at {ChromiumPath}: run 'apt-get install -y chromium-headless-shell' (see .ci/run).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Containers give Chromium no user namespaces for its sandbox; these tests open only the portal. A fake camera,
            // granted without asking, for the border page's scan (only a page given a barcode detector ever opens it).
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"],
        });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            browser.CloseAsync().GetAwaiter().GetResult();
            playwright.Dispose();
        };
        return browser;
    }
}
