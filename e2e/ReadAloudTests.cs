using Microsoft.Playwright;
using Portal.E2E.Infrastructure;
using Shouldly;

namespace Portal.E2E;

/// <summary>
/// "Lees voor" (ACCEPTANCE 15) in Chromium with the browser's speech replaced by a stub that records what would be
/// said: it never plays by itself, reads the main content in order in chunks of at most 30 words in the page's
/// language, highlights what it reads, stops, and hides itself when there is no voice for the page.
/// </summary>
public sealed class ReadAloudTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const int MaxWords = 30;
    private const string Control = "[data-read-aloud]";

    [BrowserTheory]
    [InlineData("nl", "Lees voor")]
    [InlineData("en", "Read aloud")]
    public async Task Read_aloud_speaks_the_main_content_in_order_in_short_chunks_in_the_page_language(string language, string play)
    {
        var account = portal.Account;
        await using var context = await portal.NewContextAsync();
        await SpeechStub.InstallAsync(context, SpeechStub.DutchAndEnglish);
        var page = await context.NewPageAsync();
        await page.ChooseLanguageAsync(language);
        await page.OpenPayLinkAsync(account);

        await Assertions.Expect(page.Locator(Control)).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(300);
        (await SpeechStub.SpokenAsync(page)).ShouldBeEmpty("Read aloud started before anyone pressed it.");

        var overview = await ReadAllAsync(page, play, language);
        var english = language == "en";
        string[] inOrder = english
            ? ["What you need to pay", $"Hello {account.CustomerName}.", $"You still need to pay {Texts.EnglishAmount(account.TotalDueMinor)}.",
               $"Please pay by {Texts.EnglishDate(account.PayBefore)}.", "Your open invoices", "Invoice " + account.FirstInvoiceNumber, "Invoice " + account.SecondInvoiceNumber]
            : ["Wat u moet betalen", $"Hallo {account.CustomerName}.", $"U moet nog {Texts.DutchAmount(account.TotalDueMinor)} betalen.",
               $"Betaal vóór {Texts.DutchDate(account.PayBefore)}.", "Uw open facturen", "Factuur " + account.FirstInvoiceNumber, "Factuur " + account.SecondInvoiceNumber];
        overview[0].ShouldBe(inOrder[0], "The page is read from its heading on.");
        var at = 0;
        foreach (var expected in inOrder)
        {
            var found = overview.FindIndex(at, c => c.Contains(expected, StringComparison.Ordinal));
            found.ShouldBeGreaterThanOrEqualTo(0, $"\"{expected}\" was not read in order, or not whole. Read: {string.Join(" | ", overview)}");
            at = found;
        }

        // And on an invoice: the facts and the lines, but not what only a printed invoice shows.
        await page.GotoAsync($"/invoices/{account.FirstInvoiceNumber}");
        var invoice = await ReadAllAsync(page, play, language);
        invoice.ShouldContain(PortalPages.InvoiceLinkName(account.FirstInvoiceNumber, language));
        invoice.ShouldNotContain(c => c.Contains(english ? "Scan this code" : "Scan deze code", StringComparison.Ordinal));
    }

    [BrowserFact]
    public async Task Pause_Resume_Stop_and_Escape_control_the_reading_and_the_chunk_being_read_is_highlighted()
    {
        await using var context = await portal.NewContextAsync();
        await SpeechStub.InstallAsync(context, SpeechStub.DutchAndEnglish, delayMs: 150);
        var page = await context.NewPageAsync();
        await page.OpenPayLinkAsync(portal.Account);
        var play = page.GetByRole(AriaRole.Button, new() { Name = "Lees voor", Exact = true });
        var stop = page.GetByRole(AriaRole.Button, new() { Name = "Stop", Exact = true });

        await play.ClickAsync();
        await page.WaitForFunctionAsync("() => CSS.highlights.has('read-aloud') && window.__spoken.length > 0");
        var highlighted = await page.EvaluateAsync<string[]>(
            "() => [CSS.highlights.get('read-aloud').values().next().value.toString(), window.__spoken.at(-1).text]");
        Texts.Normalise(highlighted[0]).ShouldBe(Texts.Normalise(highlighted[1]), "The highlight is not on the chunk being read.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Pauze", Exact = true }).ClickAsync();
        var resume = page.GetByRole(AriaRole.Button, new() { Name = "Verder lezen", Exact = true });
        await Assertions.Expect(resume).ToBeFocusedAsync();
        var whilePaused = (await SpeechStub.SpokenAsync(page)).Length;
        await page.WaitForTimeoutAsync(400);
        (await SpeechStub.SpokenAsync(page)).Length.ShouldBe(whilePaused, "Reading went on while paused.");
        await resume.ClickAsync();
        await page.WaitForFunctionAsync($"() => window.__spoken.length > {whilePaused}");

        var cancelsBefore = (await SpeechStub.CallsAsync(page)).Count(c => c == "cancel");
        await stop.ClickAsync();
        await Assertions.Expect(play).ToBeVisibleAsync();
        await Assertions.Expect(stop).ToBeHiddenAsync();
        (await SpeechStub.CallsAsync(page)).Count(c => c == "cancel").ShouldBeGreaterThan(cancelsBefore, "Stop did not cancel the speech.");
        (await page.EvaluateAsync<bool>("() => CSS.highlights.has('read-aloud')")).ShouldBeFalse("The highlight stayed after Stop.");
        var afterStop = (await SpeechStub.SpokenAsync(page)).Length;
        await page.WaitForTimeoutAsync(400);
        (await SpeechStub.SpokenAsync(page)).Length.ShouldBe(afterStop, "Reading went on after Stop.");

        await play.ClickAsync();
        await page.WaitForFunctionAsync($"() => window.__spoken.length > {afterStop}");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(play).ToBeVisibleAsync();
        await Assertions.Expect(stop).ToBeHiddenAsync();
    }

    [BrowserFact]
    public async Task Read_aloud_stays_hidden_without_a_voice_for_the_page_language_and_appears_when_one_arrives()
    {
        await using var context = await portal.NewContextAsync();
        await SpeechStub.InstallAsync(context, [("de-DE", "Deutsch")]);
        var page = await context.NewPageAsync();
        await page.OpenPayLinkAsync(portal.Account);

        await page.EvaluateAsync("() => window.__setVoices([{ lang: 'de-DE', name: 'Deutsch' }, { lang: 'fr-FR', name: 'Français' }])");
        await page.WaitForTimeoutAsync(200);
        await Assertions.Expect(page.Locator(Control)).ToBeHiddenAsync();

        // Chromium loads its voices after the page: the control appears once a Dutch one is there.
        await page.EvaluateAsync("() => window.__setVoices([{ lang: 'nl_NL', name: 'Nederlands' }])");
        await Assertions.Expect(page.Locator(Control)).ToBeVisibleAsync();
        (await SpeechStub.SpokenAsync(page)).ShouldBeEmpty();
    }

    [BrowserFact]
    public async Task Read_aloud_stays_hidden_in_a_browser_without_speech()
    {
        await using var context = await portal.NewContextAsync();
        await SpeechStub.RemoveAsync(context);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.OpenPayLinkAsync(portal.Account);

        (await page.EvaluateAsync<bool>("() => 'speechSynthesis' in window")).ShouldBeFalse("The stub did not take speech away.");
        await page.WaitForTimeoutAsync(200);
        await Assertions.Expect(page.Locator(Control)).ToBeHiddenAsync();
        errors.ShouldBeEmpty();
    }

    /// <summary>Presses play, waits until the whole page is read, and checks every chunk; answers their texts.</summary>
    [BrowserFact]
    public async Task An_IBAN_is_read_in_its_spoken_form_letter_by_letter_in_groups()
    {
        var customer = await portal.AddPayingCustomerAsync();
        await using var context = await portal.NewContextAsync();
        await SpeechStub.InstallAsync(context, SpeechStub.DutchAndEnglish);
        var page = await context.NewPageAsync();
        await page.OpenPayLinkAsync(customer);
        await page.GoToPayAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ik maak het zelf over", Exact = true }).ClickAsync();
        await page.WaitForAddressAsync(@"/pay/transfer\?");
        await Assertions.Expect(page.Locator(Control)).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Lees voor", Exact = true }).ClickAsync();
        await page.WaitForFunctionAsync($"() => window.__spoken.length > 0 && !document.querySelector('{Control} [data-action=play]').hidden");
        var chunks = (await SpeechStub.SpokenAsync(page)).Select(c => Texts.Normalise(c.Text)).ToList();

        chunks.ShouldContain("N L 9 1, A B N A, 0 4 1 7, 1 6 4 3, 0 0", $"Read: {string.Join(" | ", chunks)}");
        chunks.ShouldNotContain(c => c.Replace(" ", "").Contains("NL91ABNA"), $"The IBAN was read as written. Read: {string.Join(" | ", chunks)}");
        chunks.ShouldContain("Rekeningnummer (IBAN)");
    }

    private static async Task<List<string>> ReadAllAsync(IPage page, string play, string language)
    {
        var before = (await SpeechStub.SpokenAsync(page)).Length;
        await page.GetByRole(AriaRole.Button, new() { Name = play, Exact = true }).ClickAsync();
        await page.WaitForFunctionAsync(
            $"() => window.__spoken.length > {before} && !document.querySelector('{Control} [data-action=play]').hidden");
        var chunks = (await SpeechStub.SpokenAsync(page))[before..];

        foreach (var chunk in chunks)
        {
            chunk.Lang.ShouldStartWith(language, Case.Insensitive, $"\"{chunk.Text}\" was read as {chunk.Lang}.");
            Words(chunk.Text).Length.ShouldBeLessThanOrEqualTo(MaxWords, $"\"{chunk.Text}\" is too long to read in one go.");
        }
        // Together the chunks are the text shown in <main>, without the controls: nothing left out, nothing hidden read
        // out, no words glued together. (innerText of an element not shown is its whole text, so those are left out.)
        var visible = await page.EvaluateAsync<string>(
            $"() => Array.from(document.getElementById('main').children).filter(el => !el.matches('{Control}') && el.getClientRects().length).map(el => el.innerText).join(' ')");
        string.Join(" ", chunks.SelectMany(c => Words(c.Text))).ShouldBe(string.Join(" ", Words(visible)));
        return chunks.Select(c => Texts.Normalise(c.Text)).ToList();
    }

    private static string[] Words(string text) => Texts.Normalise(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
