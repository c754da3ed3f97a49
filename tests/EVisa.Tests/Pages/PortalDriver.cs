using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace EVisa.Tests.Pages;

/// <summary>
/// Drives the portal as a person does, with the mouse or with the keyboard alone: in keyboard mode every field is
/// reached with Tab, every choice made with the arrow keys or typing, every button and link pressed with Enter, so
/// a journey that passes in that mode is one a keyboard user can make. At each page it runs axe-core and keeps
/// screenshots at 360 px and 1280 px.
/// </summary>
public sealed class PortalDriver(IPage page, string language, bool keyboardOnly, string? screenshots)
{
    private int _shot;
    private readonly List<string> _consoleErrors = [];

    public IPage Page { get; } = page;
    public string Language { get; } = language;
    public bool KeyboardOnly { get; } = keyboardOnly;
    public IReadOnlyList<string> ConsoleErrors => _consoleErrors;

    public static async Task<PortalDriver> OpenAsync(IBrowser browser, Uri server, string language, bool keyboardOnly, string? screenshots)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.ToString(),
            Locale = language, // Accept-Language and navigator.languages, from which the portal takes its default
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = true,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Forwarded-For"] = PortalServer.NewClientAddress() },
        });
        // Generous: with five builds on two cores, a payment's redirect (webhook, credit, answer) has taken over 30 s.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        var driver = new PortalDriver(page, language, keyboardOnly, screenshots);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("Failed to load resource", StringComparison.Ordinal))
                driver._consoleErrors.Add(message.Text);
        };
        return driver;
    }

    public string Text(string key, params (string Name, string Value)[] values) => PortalTexts.Text(Language, key, values);

    /// <summary>Waits for the page's h1 to read this key's text, and for the document title to name it.</summary>
    public async Task ExpectPageAsync(string key, params (string Name, string Value)[] values)
    {
        var text = Text(key, values);
        await Assertions.Expect(Page.Locator("main h1")).ToHaveTextAsync(text, new() { Timeout = 90_000 });
        Assert.Contains(text, await Page.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal(Language, await Page.Locator("html").GetAttributeAsync("lang"));
    }

    /// <summary>axe-core on the page as it stands (WCAG 2.0-2.2 A and AA and best practice), then the two screenshots.</summary>
    public async Task CheckAsync(string name)
    {
        var result = await Page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        });
        var violations = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        Assert.True(violations.Count == 0, $"axe on {name} in {Language}:\n" + string.Join("\n", violations));

        // At 360 px nothing may need sideways scrolling (WCAG 1.4.10 reflow), in every language.
        await Page.SetViewportSizeAsync(360, 900);
        var wide = await Page.EvaluateAsync<string[]>("""
            () => document.documentElement.scrollWidth <= document.documentElement.clientWidth ? [] :
              [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth)
                .map(e => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent ?? '').slice(0, 40)}`)
            """);
        Assert.True(wide.Length == 0, $"{name} in {Language} scrolls sideways at 360 px: {string.Join("; ", wide)}");

        // Screenshots cost seconds each here, so one journey keeps them (the pages are the same in each language).
        if (screenshots is not null)
        {
            var folder = Path.Combine(PortalBrowser.Screenshots, screenshots);
            Directory.CreateDirectory(folder);
            _shot++;
            await ShootAsync(Path.Combine(folder, $"{_shot:00}-{name}-360.png"));
            await Page.SetViewportSizeAsync(1280, 900);
            await ShootAsync(Path.Combine(folder, $"{_shot:00}-{name}-1280.png"));
        }

        await Page.SetViewportSizeAsync(1280, 900);
    }

    private Task ShootAsync(string path) => Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });

    public async Task FillAsync(string field, string value)
    {
        var input = Page.Locator($"#{FieldId(field)}");
        if (!KeyboardOnly)
        {
            await input.FillAsync(value);
            return;
        }

        await TabToAsync(input);
        await Page.Keyboard.PressAsync("ControlOrMeta+A");
        await Page.Keyboard.PressAsync("Backspace");
        await Page.Keyboard.TypeAsync(value);
    }

    public async Task ChooseAsync(string field, string value)
    {
        var radio = Page.Locator($"input[type=radio][name='{field}'][value='{value}']");
        if (!KeyboardOnly)
        {
            await radio.CheckAsync();
            return;
        }

        // Tab enters a radio group once; the arrow keys then move the choice, Space takes the focused one.
        await TabToAsync(Page.Locator($"input[type=radio][name='{field}']"));
        for (var i = 0; i < 6 && !await radio.IsCheckedAsync(); i++)
        {
            if (i == 0)
                await Page.Keyboard.PressAsync("Space");
            else
                await Page.Keyboard.PressAsync("ArrowDown");
        }

        Assert.True(await radio.IsCheckedAsync(), $"{field}={value} could not be chosen with the keyboard");
    }

    public async Task SelectAsync(string field, string value)
    {
        var select = Page.Locator($"#{FieldId(field)}");
        if (!KeyboardOnly)
        {
            await select.SelectOptionAsync(value);
            return;
        }

        // A closed select takes typed letters as a search for an option's name.
        await TabToAsync(select);
        var label = await select.Locator($"option[value='{value}']").TextContentAsync();
        await Page.Keyboard.TypeAsync(label!);
        Assert.Equal(value, await select.InputValueAsync());
    }

    /// <summary>Presses the button or link with this key's text.</summary>
    public async Task PressAsync(string key, params (string Name, string Value)[] values)
    {
        var text = Text(key, values);
        var target = Page.Locator("a, button").Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(text)}\\s*$") }).First;
        await PressAsync(target);
    }

    public async Task PressAsync(ILocator target)
    {
        if (!KeyboardOnly)
        {
            await target.ClickAsync();
            return;
        }

        await TabToAsync(target);
        await Page.Keyboard.PressAsync("Enter");
    }

    /// <summary>Tab (from the top of the page) until the target has the focus: it is reachable in the focus order.</summary>
    private async Task TabToAsync(ILocator target)
    {
        await target.First.WaitForAsync();
        for (var i = 0; i < 400; i++)
        {
            if (await target.EvaluateAllAsync<bool>("(elements) => elements.includes(document.activeElement)"))
                return;
            await Page.Keyboard.PressAsync("Tab");
        }

        throw new InvalidOperationException($"Tab never reached {target}");
    }

    private static string FieldId(string name) => "field-" + name.Replace('.', '-');
}
