using System.Net.Http.Json;
using System.Text.Json;
using EVisa.Core.Rules;
using EVisa.Core.Visas;
using EVisa.Tests.Faults;
using EVisa.Tests.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EVisa.Tests.Pages;

/// <summary>
/// The border page's camera path (R11): the shared Chromium runs with a fake camera, and the page is given a barcode
/// detector, which headless Chromium lacks. The detector is the one stand-in: it is outside our system (the browser's),
/// and answers the real seal of a real issued visa, and only for a video element that plays the camera's stream, so the
/// page must really open the camera. Everything after it is real: the seal checked in the page against the published
/// keys, the service's verification, the entry recorded.
/// </summary>
public sealed class BorderCameraTests
{
    [Fact]
    [Trait("Rule", "R4")]
    [Trait("Rule", "R11")]
    public async Task A_visa_scanned_with_the_camera_is_verified_and_its_entry_recorded()
    {
        var server = await PortalServer.SharedAsync();
        var today = KazakhstanTime.Today(TimeProvider.System);
        var world = await IssuedWorld.CreateAsync(server, new PipelineScenario(server) { Entry = today, Exit = today.AddDays(10) });
        var seal = (await server.Services.GetRequiredService<VisaStore>().GetAsync(world.VisaNumber, CancellationToken.None))!.SealText;

        var p = await PortalDriver.OpenAsync(await PortalBrowser.SharedAsync(), server.BaseAddress, "en", keyboardOnly: false, "staff-border-camera");
        try
        {
            await p.Page.AddInitScriptAsync(DetectorAnswering(seal));
            await StaffConsoleTests.SignInAsync(p, "border", "staff.border.title");
            await Assertions.Expect(p.Page.Locator("#keys-status")).ToContainTextAsync(p.Text("staff.border.keys-fresh", ("count", "")).Split('(')[0]);
            await p.CheckAsync("camera-offered");

            await p.PressAsync("staff.border.scan");
            await Assertions.Expect(p.Page.Locator(".scanner")).ToContainTextAsync(p.Text("staff.border.scanned"));
            await Assertions.Expect(p.Page.Locator("#field-code")).ToHaveValueAsync(seal);
            await Assertions.Expect(p.Page.Locator("#field-passportNumber")).ToBeFocusedAsync();
            // The scan is over: the camera is closed and hidden again.
            Assert.True(await p.Page.EvaluateAsync<bool>("() => window.__detector.sawCamera && !document.querySelector('video').srcObject"));
            await Assertions.Expect(p.Page.Locator("video")).ToBeHiddenAsync();

            await p.FillAsync("passportNumber", world.Scenario.PassportNumber);
            await p.ChooseAsync("checkpoint", "NQZ");
            await p.PressAsync("staff.border.verify");
            await Assertions.Expect(p.Page.Locator("#result-title")).ToHaveTextAsync(p.Text("staff.border.valid"));
            await Assertions.Expect(p.Page.Locator("#result-visa")).ToHaveTextAsync(world.VisaNumber);
            await Assertions.Expect(p.Page.Locator("#verdict")).ToContainTextAsync(p.Text("staff.border.seal-valid", ("key", seal.Split('.')[1])));
            await p.PressAsync("staff.border.record-entry", ("checkpoint", p.Text("checkpoint.NQZ")));
            await Assertions.Expect(p.Page.Locator("#result .panel--success")).ToContainTextAsync(
                p.Text("staff.border.entry-recorded", ("checkpoint", p.Text("checkpoint.NQZ")), ("at", "")).Split(',')[0]);
            await p.CheckAsync("camera-entry-recorded");

            var visa = await world.Scenario.Officer.GetFromJsonAsync<JsonElement>(
                $"/api/visas/{world.VisaNumber}/verification?passportNumber={world.Scenario.PassportNumber}");
            Assert.Equal("NQZ", visa.GetProperty("visa").GetProperty("entry").GetProperty("checkpoint").GetString());
            Assert.Empty(p.ConsoleErrors);
        }
        finally
        {
            await p.Page.Context.CloseAsync();
        }
    }

    /// <summary>
    /// A BarcodeDetector that reads <paramref name="seal"/> from a playing camera stream, and nothing from anything else
    /// (an image, a video with no stream, a frame not yet decoded), as a real detector would find no code there.
    /// </summary>
    private static string DetectorAnswering(string seal) => $$"""
        (() => {
          const seal = {{JsonSerializer.Serialize(seal)}};
          window.__detector = { sawCamera: false };
          class BarcodeDetector {
            constructor(options) {
              if (!options || !options.formats || !options.formats.includes("qr_code")) throw new TypeError("no qr_code format asked for");
            }
            static async getSupportedFormats() { return ["qr_code"]; }
            async detect(source) {
              const camera = source instanceof HTMLVideoElement && source.srcObject instanceof MediaStream
                && source.srcObject.getVideoTracks().some((track) => track.readyState === "live")
                && source.readyState >= 2 && source.videoWidth > 0;
              if (!camera) return [];
              window.__detector.sawCamera = true;
              return [{ rawValue: seal, format: "qr_code" }];
            }
          }
          window.BarcodeDetector = BarcodeDetector;
        })();
        """;
}
