using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Domain;
using Portal.Domain.Invoices;
using Portal.Domain.Language;
using Portal.Domain.Messages;
using Portal.Infrastructure.Audit;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.PayLinks;

namespace Portal.Infrastructure.Messages;

/// <summary>
/// Writes messages into the outbox: picks the channel and language, checks the customer can be reached that way,
/// renders the organisation's template (or Portal's default) with the customer's figures and a pay link, and adds
/// the message to the unit of work, so it is stored with whatever caused it. <see cref="MessageDispatcher"/> sends it.
/// </summary>
public class MessageService(PortalDbContext db, TimeProvider clock, AuditTrail audit, IDataProtectionProvider protection,
    PayLinkService payLinks, PublicLinks links, MessageChannels channels, Payments.BankTransferService transfers)
{
    public const string ProtectorPurpose = "Portal.Messages.Content.v1";

    /// <summary>A message to write. <paramref name="CauseKey"/> makes it once-only per organisation (one thank-you per payment).</summary>
    /// <param name="Date">The day the message is about (a collection for a pre-notification), written out as <c>date</c>.</param>
    /// <param name="Mandate">For a direct-debit notice: the creditor id and the mandate reference it names.</param>
    /// <param name="AmountMinor">The amount the message is about when it is not all that is due (a term of a plan), in euro cents.</param>
    /// <param name="Terms">A plan's terms, written out as <c>schedule</c>.</param>
    /// <param name="Reason">The organisation's own words (a rejected plan, a counter-proposal), as <c>reason</c>.</param>
    /// <param name="Recipient">An e-mail address or number not on file yet, which a one-time code proves reaches the customer.</param>
    /// <param name="LetterCode">A new link made for this message also gets a letter code (for a letter), written out as <c>letter_code</c>.</param>
    public sealed record Request(MessageKind Kind, MessageChannel? Channel = null, IReadOnlyList<string>? InvoiceNumbers = null,
        DateTime? LinkExpiresAtUtc = null, string? CauseKey = null, string? Code = null, DateOnly? Date = null, MandateFacts? Mandate = null,
        long? AmountMinor = null, IReadOnlyList<Portal.Domain.Arrangements.PlannedTerm>? Terms = null, string? Reason = null, string? Time = null,
        string? Recipient = null, bool LetterCode = false);

    /// <summary>The page a message's link opens, by kind (<c>/p/{token}?to=…</c>); the overview for the others.</summary>
    private static string? Landing(MessageKind kind) => kind switch
    {
        // A failed direct debit's message opens the direct-debit page, where the customer picks a new day or pays now.
        MessageKind.CollectionFailed => "direct-debit",
        MessageKind.ArrangementConfirmation or MessageKind.ArrangementRequested or MessageKind.ArrangementRejected
            or MessageKind.ArrangementCounterProposal or MessageKind.InstalmentMissed or MessageKind.InstalmentReminder => "plan",
        MessageKind.CallbackConfirmation => "callback",
        MessageKind.QuestionAnswered or MessageKind.DisputeResolved => "questions",
        _ => null,
    };

    /// <summary>What a direct-debit notice must name besides the amount and date.</summary>
    public sealed record MandateFacts(string? CreditorId, string Reference);

    /// <summary>The message written (its id is set once saved), and the pay link made for it when one was.</summary>
    public sealed record Queued(Message Message, MessageChannel Channel, string Recipient, PayLinkService.Issued? NewLink);

    public sealed record Result(Queued? Message, IReadOnlyList<RuleViolation> Errors);

    /// <summary>Writes the message and saves: one transaction for the message, its pay link and their audit records.</summary>
    public async Task<Result> QueueAsync(long organisationId, string customerRef, Request request, string actor, CancellationToken ct = default)
    {
        var result = await PrepareAsync(organisationId, customerRef, request, actor, ct);
        if (result.Message is not null) await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>One item of a batch: which customer, and the message for them.</summary>
    public sealed record BatchItem(string CustomerRef, Request Request);

    /// <summary>What became of one item of a batch: the message written, or why not.</summary>
    public sealed record BatchResult(int Index, Result Result);

    /// <summary>
    /// Many messages in one call, saved a few hundred at a time (each chunk one transaction, the tracker cleared after
    /// it), so a batch of 10,000 holds no more than a chunk in memory. An item that cannot be sent is refused on its own.
    /// </summary>
    public async Task<IReadOnlyList<BatchResult>> QueueManyAsync(long organisationId, IReadOnlyList<BatchItem> items, string actor,
        CancellationToken ct = default)
    {
        const int chunk = 250;
        var results = new List<BatchResult>(items.Count);
        for (var start = 0; start < items.Count; start += chunk)
        {
            var written = new List<BatchResult>();
            for (var i = start; i < Math.Min(items.Count, start + chunk); i++)
            {
                var result = await PrepareAsync(organisationId, items[i].CustomerRef, items[i].Request, actor, ct);
                (result.Message is null ? results : written).Add(new BatchResult(i, result));
            }
            await db.SaveChangesAsync(ct);
            results.AddRange(written);
            db.ChangeTracker.Clear();
        }
        return [.. results.OrderBy(r => r.Index)];
    }

    /// <summary>Adds the message (and any new pay link) to the unit of work without saving, for a caller inside its own transaction.</summary>
    /// <param name="codeFor">For a one-time code: makes the code for the recipient chosen, at the time given, and answers its digits.</param>
    public async Task<Result> PrepareAsync(long organisationId, string customerRef, Request request, string actor, CancellationToken ct = default,
        Func<string, DateTime, string>? codeFor = null)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.OrganisationId == organisationId && c.CustomerRef == customerRef)
            .Select(c => new { c.Id, c.Name, c.Email, c.Phone, c.Language, c.Address, c.PreferredChannel }).FirstOrDefaultAsync(ct);
        if (customer is null) return Fail("customerRef", $"There is no customer '{customerRef}'.");
        var organisation = await OrganisationAsync(organisationId, ct);

        var channel = request.Channel ?? customer.PreferredChannel
            ?? (customer.Email is not null ? MessageChannel.Email : customer.Phone is not null ? MessageChannel.Sms : MessageChannel.Letter);
        var recipient = request.Recipient is not null && channel is MessageChannel.Email or MessageChannel.Sms ? request.Recipient : channel switch
        {
            MessageChannel.Email => customer.Email,
            MessageChannel.Sms => customer.Phone,
            _ => customer.Address is null ? null : customer.Name,
        };
        if (channels.Refusal(channel) is { } refusal) return Fail("channel", refusal);
        if (recipient is null)
            return Fail("channel", channel switch
            {
                MessageChannel.Email => $"Customer '{customerRef}' has no e-mail address on file; send 'email' with PUT /api/v1/customers/{customerRef}, or choose another channel.",
                MessageChannel.Sms => $"Customer '{customerRef}' has no phone number on file; send 'phone' with PUT /api/v1/customers/{customerRef}, or choose another channel.",
                _ => $"Customer '{customerRef}' has no postal address on file; send 'address' with PUT /api/v1/customers/{customerRef}, or choose another channel.",
            });

        var offered = organisation.Languages.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var language = customer.Language is { } own && offered.Contains(own) ? own : offered.FirstOrDefault() ?? "nl";
        // PDFsharp sets text left to right without joining letters, so a letter in Arabic would print unreadable: a
        // letter goes in the organisation's first language that reads left to right instead.
        if (channel == MessageChannel.Letter && CultureInfo.GetCultureInfo(language).TextInfo.IsRightToLeft)
            language = offered.FirstOrDefault(l => !CultureInfo.GetCultureInfo(l).TextInfo.IsRightToLeft) ?? "nl";
        var culture = CultureInfo.GetCultureInfo(SupportedLanguages.CultureName(language));

        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => i.OrganisationId == organisationId && i.CustomerId == customer.Id)
            .Where(request.InvoiceNumbers is { Count: > 0 } numbers
                ? i => numbers.Contains(i.InvoiceNumber)
                : i => i.Status == InvoiceStatus.Open || i.Status == InvoiceStatus.PartiallyPaid)
            .OrderBy(i => i.DueDate).ThenBy(i => i.InvoiceNumber)
            .Select(i => new { i.InvoiceNumber, i.DueDate, i.Currency, i.TotalMinor, i.AmountPaidMinor, i.Description, i.Status })
            .ToListAsync(ct);
        if (request.InvoiceNumbers is { Count: > 0 } asked && asked.Except(invoices.Select(i => i.InvoiceNumber)).ToList() is { Count: > 0 } missing)
            return Fail("invoiceNumbers", $"Customer '{customerRef}' has no invoice {string.Join(", ", missing)}.");

        if (request.Kind == MessageKind.Reminder)
        {
            // A payment plan, or the customer's dispute, pauses reminders for its invoices: the ERP may ask, Portal does not send one for them.
            var paused = await db.Invoices.AsNoTracking().Where(i => i.CustomerId == customer.Id)
                .Select(i => new
                {
                    i.InvoiceNumber,
                    Disputed = db.Questions.Where(Domain.Questions.Question.Disputing).Any(q => q.InvoiceId == i.Id),
                    InPlan = Arrangements.ArrangementService.PausedInvoiceIds(db).Contains(i.Id),
                    Hardship = db.HardshipRegistrations.Any(h => h.CustomerId == i.CustomerId && h.Status == Domain.Hardship.HardshipStatus.Active),
                    Promised = db.PaymentPromises.Any(p => p.CustomerId == i.CustomerId && p.Status == Domain.Promises.PromiseStatus.Open),
                })
                .Where(i => i.Disputed || i.InPlan || i.Hardship || i.Promised).ToListAsync(ct);
            static string Why(bool disputed, bool hardship, bool promised) => disputed ? "(reason dispute): the customer disputes it"
                : hardship ? "(reason hardship): a bewindvoerder or schuldhulpverlener handles the customer's money"
                : promised ? "(reason promise): the customer promised to pay it by a date"
                : "(reason arrangement): a payment plan of the customer holds it";
            if (request.InvoiceNumbers is { Count: > 0 } named && paused.Where(p => named.Contains(p.InvoiceNumber)).ToList() is { Count: > 0 } held)
                return Fail("invoiceNumbers", $"Skipped: invoice {string.Join(", ", held.Select(h => h.InvoiceNumber))} is paused {Why(held.Any(h => h.Disputed), held.Any(h => h.Hardship), held.Any(h => h.Promised))}, so no reminder is sent.");
            if (request.InvoiceNumbers is not { Count: > 0 } && paused.Count > 0)
            {
                invoices = [.. invoices.Where(i => paused.All(p => p.InvoiceNumber != i.InvoiceNumber))];
                if (!invoices.Any(i => InvoiceMoney.IsPayable(i.Status)))
                    return Fail("invoiceNumbers", paused.Any(p => p.Promised) && !paused.Any(p => p.Hardship)
                        ? $"Skipped: every open invoice of customer '{customerRef}' is paused (reason promise): the customer promised to pay by a date, so no reminder is sent."
                        : paused.Any(p => p.Hardship)
                        ? $"Skipped: every open invoice of customer '{customerRef}' is paused (reason hardship): a bewindvoerder or schuldhulpverlener handles the customer's money, so no reminder is sent."
                        : paused.Any(p => p.Disputed)
                        ? $"Skipped: every open invoice of customer '{customerRef}' is paused (by a dispute or a payment plan), so no reminder is sent."
                        : $"Skipped: every open invoice of customer '{customerRef}' is paused (reason arrangement) by a payment plan, so no reminder is sent.");
            }
        }

        var (link, linkId, url) = await LinkAsync(organisationId, customerRef, customer.Id, request, actor, ct);
        if (Landing(request.Kind) is { } landing && url is not null) url += "?to=" + landing;
        if (link is { Errors.Count: > 0 }) return new Result(null, link.Errors);

        var payable = invoices.Where(i => InvoiceMoney.IsPayable(i.Status)).ToList();
        var currency = payable.FirstOrDefault()?.Currency ?? invoices.FirstOrDefault()?.Currency ?? "EUR";
        var totalDue = payable.Where(i => i.Currency == currency).Sum(i => InvoiceMoney.DueMinor(i.TotalMinor, i.AmountPaidMinor));
        var model = new MessageModel(customer.Name, organisation.Name, organisation.Phone, url,
            LocalFormats.Amount(Money.FromMinor(request.AmountMinor ?? totalDue, request.AmountMinor is null ? currency : "EUR"), culture),
            payable.Count > 0 ? LocalFormats.Date(payable[0].DueDate, culture) : null,
            [.. invoices.Select(i => new MessageModel.Invoice(i.InvoiceNumber,
                LocalFormats.Amount(Money.FromMinor(InvoiceMoney.DueMinor(i.TotalMinor, i.AmountPaidMinor), i.Currency), culture),
                LocalFormats.Date(i.DueDate, culture), i.Description ?? ""))],
            Overdue: payable.Count > 0 && payable[0].DueDate < DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
            Code: codeFor?.Invoke(recipient, clock.GetUtcNow().UtcDateTime) ?? request.Code,
            Date: request.Date is { } date ? LocalFormats.Date(date, culture) : null, Time: request.Time,
            CreditorId: request.Mandate?.CreditorId, MandateReference: request.Mandate?.Reference, Reason: request.Reason,
            Schedule: request.Terms is { } terms ? Schedule(terms, culture) : null,
            // Where the message says "can't pay? call us", an organisation with payment plans also offers one.
            PlanLink: organisation.PlansEnabled && url is not null && request.Kind is MessageKind.PayLink or MessageKind.Reminder ? url + "?to=plan" : null,
            AfterSales: request.Kind == MessageKind.ThankYou && organisation.AfterSalesText is { } afterSales
                ? new MessageModel.AfterSalesBlock(afterSales, organisation.AfterSalesLink) : null);

        var content = await RenderAsync(organisationId, request.Kind, channel, language, organisation.Name, model, ct);
        var letter = channel == MessageChannel.Letter
            ? await LetterFactsAsync(organisationId, customer.Id, customer.Name, customer.Address!, url!, payable.Select(i => i.InvoiceNumber).ToList(), culture, ct)
            : null;
        // A letter prints the letter code of the link made for it, and where to type it in.
        if (letter is not null && link?.Link?.LetterCode is { } letterCode) letter = letter with { LetterCode = letterCode, LetterCodeUrl = links.LetterCodePage() };
        var message = new Message(organisationId, customer.Id, request.Kind, channel, language, recipient,
            Protect(new StoredContent(content, letter)), linkId, request.CauseKey, clock.GetUtcNow().UtcDateTime);
        db.Messages.Add(message);
        audit.Append(organisationId, actor, "message.queued", "message", $"{request.Kind.Name()} to {customerRef}", channel.Name());
        return new Result(new Queued(message, channel, recipient, link?.Link), []);
    }

    private sealed record OrganisationRow(string Name, string Phone, string Languages, string? AfterSalesText, string? AfterSalesLink, bool PlansEnabled);

    // Kept for the scope (one request or one job run): a batch of 10,000 messages is for one organisation.
    private OrganisationRow? _organisation;
    private long _organisationId;

    private async Task<OrganisationRow> OrganisationAsync(long organisationId, CancellationToken ct)
    {
        if (_organisation is not null && _organisationId == organisationId) return _organisation;
        _organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId)
            .Select(o => new OrganisationRow(o.Name, o.Phone, o.Languages, o.AfterSalesText, o.AfterSalesLink, o.PlansEnabled)).FirstAsync(ct);
        _organisationId = organisationId;
        return _organisation;
    }

    /// <summary>The rendered message, for the senders and the development outbox.</summary>
    public MessageTexts Content(Message message) => Stored(message).Texts;

    /// <summary>The rendered message with, for a letter, what its PDF prints besides the text.</summary>
    public StoredContent Stored(Message message) =>
        JsonSerializer.Deserialize<StoredContent>(protection.CreateProtector(ProtectorPurpose).Unprotect(message.ProtectedContent))!;

    private string Protect(StoredContent content) => protection.CreateProtector(ProtectorPurpose).Protect(JsonSerializer.Serialize(content));

    /// <summary>The address as a window envelope shows it, today's date, the pay link, and the transfer for the EPC QR code (euro only).</summary>
    private async Task<LetterFacts> LetterFactsAsync(long organisationId, long customerId, string name, Portal.Domain.Customers.Address address,
        string payLink, IReadOnlyList<string> payable, CultureInfo culture, CancellationToken ct)
    {
        List<string> lines = [name, address.Line1];
        if (!string.IsNullOrWhiteSpace(address.Line2)) lines.Add(address.Line2);
        lines.Add($"{address.PostalCode}  {address.City.ToUpperInvariant()}");
        if (address.Country != "NL") lines.Add(new RegionInfo(address.Country).EnglishName.ToUpperInvariant());
        var transfer = payable.Count == 0 ? null
            : await transfers.ForAsync(new Customers.CustomerScope(organisationId, customerId, null, "portal"), payable, ct: ct);
        return new LetterFacts(lines, LocalFormats.Date(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), culture), payLink,
            transfer?.Iban, transfer?.AccountHolder, transfer?.Amount.MinorUnits, transfer is null ? null : LocalFormats.Amount(transfer.Amount, culture),
            transfer?.Reference);
    }

    private async Task<MessageTexts> RenderAsync(long organisationId, MessageKind kind, MessageChannel channel, string language,
        string organisationName, MessageModel model, CancellationToken ct)
    {
        var key = (organisationId, kind, channel, language);
        if (!_templates.TryGetValue(key, out var own))
            _templates[key] = own = await db.MessageTemplates.AsNoTracking()
                .Where(t => t.OrganisationId == organisationId && t.Kind == kind && t.Channel == channel && t.Language == language)
                .Select(t => new MessageTexts(t.Subject, t.Text, t.Html)).FirstOrDefaultAsync(ct);
        return Compose(own ?? DefaultTemplates.For(kind, channel, language), channel, language, organisationName, model);
    }

    // The organisation's own templates as read in this scope (null: it has none, the default applies); a batch of
    // 10,000 pay-link e-mails reads its template once, not once a message.
    private readonly Dictionary<(long, MessageKind, MessageChannel, string), MessageTexts?> _templates = [];

    /// <summary>A template rendered with a model: the text tidied, and for e-mail an HTML part (its own, or made from the text).</summary>
    public static MessageTexts Compose(MessageTexts template, MessageChannel channel, string language, string organisationName, MessageModel model)
    {
        var text = EmailLayout.Tidy(TemplateRenderer.Render(template.Text, model, htmlEncode: false));
        var subject = template.Subject is null ? null : EmailLayout.Tidy(TemplateRenderer.Render(template.Subject, model, htmlEncode: false)).ReplaceLineEndings(" ");
        if (channel != MessageChannel.Email) return new MessageTexts(subject, text, null);
        var html = template.Html is null
            ? EmailLayout.Html(subject ?? organisationName, text, organisationName, language)
            : TemplateRenderer.Render(template.Html, model, htmlEncode: true);
        return new MessageTexts(subject ?? organisationName, text, html);
    }

    /// <summary>
    /// The pay link a message carries. A pay-link message gets a new one, as the ERP asked; other kinds reuse the
    /// customer's newest link to all open invoices while it has at least two weeks left, so messages do not pile up links.
    /// </summary>
    private async Task<(PayLinkService.CreateResult? Made, Guid? Id, string? Url)> LinkAsync(long organisationId, string customerRef,
        long customerId, Request request, string actor, CancellationToken ct)
    {
        if (request.Kind == MessageKind.OneTimeCode) return (null, null, null);
        if (request.Kind != MessageKind.PayLink && request.InvoiceNumbers is not { Count: > 0 }
            && await payLinks.RecoverReusableAsync(organisationId, customerId, TimeSpan.FromDays(14), ct) is { } kept)
            return (null, kept.Id, links.PayLink(kept.Token));
        var made = await payLinks.PrepareAsync(organisationId, customerRef, request.InvoiceNumbers, request.LinkExpiresAtUtc, actor, ct,
            letterCode: request.LetterCode);
        return (made, made.Link?.Id, made.Link is null ? null : links.PayLink(made.Link.Token));
    }

    /// <summary>A plan's terms as lines of a message: "25 januari 2027: € 125,00".</summary>
    public static string Schedule(IEnumerable<Portal.Domain.Arrangements.PlannedTerm> terms, CultureInfo culture) =>
        string.Join('\n', terms.Select(t => $"{LocalFormats.Date(t.DueDate, culture)}: {LocalFormats.Amount(Money.FromMinor(t.AmountMinor, "EUR"), culture)}"));

    private static Result Fail(string field, string message) => new(null, [new RuleViolation(field, message)]);
}
