using System.Reflection;

namespace Portal.Domain.Events;

/// <summary>One kind of event the ERP learns: its name in the feed and webhooks, and what it means.</summary>
public abstract record EventType(string Name, string Description)
{
    /// <summary>The record its <c>data</c> is written from.</summary>
    public abstract Type PayloadType { get; }
}

/// <summary>An event type whose <c>data</c> is a <typeparamref name="TPayload"/>: writers can only write that shape.</summary>
public sealed record EventType<TPayload>(string Name, string Description) : EventType(Name, Description) where TPayload : notnull
{
    public override Type PayloadType => typeof(TPayload);
}

/// <summary>
/// Every event Portal writes, in one place. <see cref="OutboxEvent.Create{TPayload}"/> takes only these, so a type
/// cannot be written without being here; the feed's OpenAPI description and docs/api.md list them from here (a test
/// holds the docs to it).
/// </summary>
public static class EventCatalogue
{
    public static readonly EventType<PaymentEventData> PaymentPaid =
        new("payment.paid", "A payment went through: the money is on its way to you.");

    public static readonly EventType<PaymentEventData> PaymentFailed =
        new("payment.failed", "The bank refused a payment; the invoices stay open.");

    public static readonly EventType<InvoicePaymentEventData> InvoicePaid =
        new("invoice.paid", "A payment paid what was left of an invoice.");

    public static readonly EventType<InvoicePaymentEventData> InvoicePartiallyPaid =
        new("invoice.partially_paid", "A payment paid part of an invoice; amountDue is what is left.");

    public static readonly EventType<PaymentUnallocatedEventData> PaymentUnallocated =
        new("payment.unallocated", "Money arrived for an invoice that no longer needed it (already paid, or cancelled); it is kept as a credit on the customer or refunded.");

    public static readonly EventType<CreditRefundEventData> CreditRefunded =
        new("credit.refunded", "Mollie accepted the refund of a credit.");

    public static readonly EventType<CreditRefundEventData> CreditRefundFailed =
        new("credit.refund_failed", "Mollie refused to refund a credit; it stays on the customer for you to settle.");

    public static readonly EventType<FeedbackEventData> FeedbackReceived =
        new("feedback.received", "After paying, the customer gave a score from 1 to 10 and/or a comment.");

    public static readonly EventType<MessageEventData> MessageSent =
        new("message.sent", "A message (e-mail or text message) was handed to the mail server or SMS gateway.");

    public static readonly EventType<MessageEventData> MessageFailed =
        new("message.failed", "A message could not be sent and will not be tried again; reason says why, bounced whether the address itself was refused.");

    public static readonly EventType<MandateEventData> MandateCreated =
        new("mandate.created", "A customer's SEPA direct-debit mandate is in place: set up on their pay link (by IBAN with a one-time code, or by a first iDEAL payment) or registered by you.");

    public static readonly EventType<MandateEventData> MandateRevoked =
        new("mandate.revoked", "A mandate ended: the customer stopped direct debit, you ended it, or the bank said the account can no longer be debited (reason).");

    public static readonly EventType<CollectionDayEventData> CollectionDayChanged =
        new("collection_day.changed", "The customer chose another day of the month for their direct debit (collectionDay null: none any more).");

    public static readonly EventType<CollectionEventData> CollectionScheduled =
        new("collection.scheduled", "A direct debit is planned and the customer told: the date, the amount and the invoices it takes.");

    public static readonly EventType<CollectionEventData> CollectionPaid =
        new("collection.paid", "A direct debit went through: the invoices it took are paid (invoice.paid follows for each).");

    public static readonly EventType<CollectionEventData> CollectionFailed =
        new("collection.failed", "A direct debit did not go through (bankReasonCode: AM04 insufficient funds, MS02 refused, AC04 account closed, …); the invoices are open again and the customer is asked to pick another day or pay now.");

    public static readonly EventType<CollectionEventData> ChargebackReceived =
        new("chargeback.received", "The customer had their bank return a direct debit (bankReasonCode MD06, or another code for a refused or unauthorised one): the amount is open again on the invoices and is not collected again until the customer chooses to.");

    public static readonly EventType<ArrangementEventData> ArrangementRequested =
        new("arrangement.requested", "A customer asked for a payment plan outside your policy (reasons names the rules), or your policy answers every plan yourself: approve, reject or counter it with POST /api/v1/arrangements/{id}/approve, /reject or /counter-proposal.");

    public static readonly EventType<ArrangementEventData> ArrangementCreated =
        new("arrangement.created", "A payment plan is agreed and runs: inside your policy at once, approved by you, or your counter-proposal accepted by the customer. Its invoices are paused (pause.reason arrangement).");

    public static readonly EventType<ArrangementEventData> ArrangementRejected =
        new("arrangement.rejected", "You rejected a requested plan (reason as the customer was told); its invoices are no longer paused.");

    public static readonly EventType<InstalmentEventData> InstalmentPaid =
        new("instalment.paid", "A term of a plan is paid (by direct debit, pay link, transfer or early): what the plan's invoices received covers it and the terms before it.");

    public static readonly EventType<InstalmentEventData> InstalmentMissed =
        new("instalment.missed", "A term was not paid by its date; the customer is reminded and has until graceUntil.");

    public static readonly EventType<ArrangementEventData> ArrangementBroken =
        new("arrangement.broken", "Your policy's number of missed terms passed their grace: the plan ended, the rest of its invoices is open again (no longer paused) and the customer was told.");

    public static readonly EventType<ArrangementEventData> ArrangementCompleted =
        new("arrangement.completed", "Everything in a plan is paid.");

    public static readonly EventType<CallbackEventData> CallbackRequested =
        new("callback.requested", "A customer asked to be called back in one of your slots: the topic, the number to call, the language they want to speak and the slot.");

    public static readonly EventType<CallbackEventData> CallbackChanged =
        new("callback.changed", "A customer moved their call-back to another slot, or changed its topic, number or language.");

    public static readonly EventType<CallbackEventData> CallbackCancelled =
        new("callback.cancelled", "A customer no longer needs their call-back; its place in the slot is free again.");

    public static readonly EventType<QuestionEventData> QuestionCreated =
        new("question.created", "A customer asked a question about an invoice (reason, text, files); it pauses nothing. Answer it with POST /api/v1/questions/{id}/answer.");

    public static readonly EventType<QuestionEventData> DisputeOpened =
        new("dispute.opened", "A customer disputes an invoice, after a one-time code: reminders and collection of that invoice wait (pause.reason dispute) until you resolve it with POST /api/v1/questions/{id}/resolve.");

    public static readonly EventType<QuestionEventData> DisputeResolved =
        new("dispute.resolved", "You resolved a dispute, upheld or not: the invoice is no longer paused by it, and the customer is told your reply.");

    public static readonly EventType<HardshipEventData> HardshipRegistered =
        new("hardship.registered", "A customer says a bewindvoerder (administrator) or schuldhulpverlener (debt counsellor) handles their money, with how to reach them: nothing of theirs is collected or reminded (pause.reason hardship) until you end it with POST /api/v1/hardship-registrations/{id}/end.");

    public static readonly EventType<HardshipEventData> HardshipEnded =
        new("hardship.ended", "You ended a hardship registration: the customer's invoices are collected and reminded as before.");

    public static readonly EventType<PromiseEventData> PromiseCreated =
        new("promise.created", "A customer promised to pay what is open by a date: reminders wait until then (pause.reason promise, until that date).");

    public static readonly EventType<PromiseEventData> PromiseBroken =
        new("promise.broken", "A promise to pay was not kept by its date plus your grace days: reminders go out again.");

    public static readonly EventType<CustomerContactChangedEventData> CustomerContactChanged =
        new("customer.contact_changed", "A customer changed their own contact details after a one-time code (a new e-mail address or number confirmed by a code sent to it): the values as they are now, and which fields changed. Take them over in your ERP; see \"When the customer and the ERP both change a customer\".");

    /// <summary>Every type above, in the order they are declared.</summary>
    public static IReadOnlyList<EventType> All { get; } = typeof(EventCatalogue).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType.IsAssignableTo(typeof(EventType))).Select(f => (EventType)f.GetValue(null)!).ToList();
}

/// <summary>payment.paid, payment.failed.</summary>
public sealed record PaymentEventData(Guid PaymentId, IReadOnlyList<string> InvoiceNumbers, decimal Amount, string Currency, string Method, string Status);

/// <summary>invoice.paid, invoice.partially_paid: the invoice after the payment.</summary>
public sealed record InvoicePaymentEventData(IReadOnlyList<string> InvoiceNumbers, string InvoiceNumber, decimal AmountPaid, decimal AmountDue,
    string Currency, Guid PaymentId);

/// <summary>payment.unallocated. reason: invoice_already_paid or invoice_cancelled; refund: pending or none.</summary>
public sealed record PaymentUnallocatedEventData(Guid PaymentId, IReadOnlyList<string> InvoiceNumbers, string InvoiceNumber, decimal Amount,
    string Currency, string Reason, string Refund);

/// <summary>credit.refunded (with refundId), credit.refund_failed (with reason).</summary>
public sealed record CreditRefundEventData(long CreditId, Guid PaymentId, IReadOnlyList<string> InvoiceNumbers, string InvoiceNumber, decimal Amount,
    string Currency, string? RefundId, string? Reason);

/// <summary>feedback.received.</summary>
public sealed record FeedbackEventData(Guid PaymentId, IReadOnlyList<string> InvoiceNumbers, int? Score, string? Comment);

/// <summary>message.sent, message.failed (with reason and bounced).</summary>
public sealed record MessageEventData(long MessageId, string CustomerRef, string Kind, string Channel, string? Reason, bool Bounced);

/// <summary>mandate.created, mandate.revoked (with reason). iban is masked: "NL91 •••• 4300". source: erp, iban or firstPayment.</summary>
public sealed record MandateEventData(string CustomerRef, string MandateReference, string Iban, string AccountHolder, string Source, string Status,
    int? CollectionDay, string? Reason);

/// <summary>collection_day.changed: the new day, and the first collection it brings.</summary>
public sealed record CollectionDayEventData(string CustomerRef, int? CollectionDay, int? PreviousCollectionDay, DateOnly? NextCollectionDate);

/// <summary>collection.scheduled, collection.paid, collection.failed (with bankReasonCode).</summary>
public sealed record CollectionEventData(string CustomerRef, DateOnly Date, decimal Amount, string Currency, IReadOnlyList<string> InvoiceNumbers,
    string? BankReasonCode);

/// <summary>
/// arrangement.*: the plan as it stands. status: requested, active, rejected, broken, completed or cancelled; paidBy: directDebit or
/// payLink; reasons: the policy rules a requested plan is outside of; reason: yours, as the customer read it.
/// </summary>
public sealed record ArrangementEventData(Guid ArrangementId, string CustomerRef, string Status, IReadOnlyList<string> InvoiceNumbers, decimal Total,
    string Currency, string PaidBy, int Terms, IReadOnlyList<string> Reasons, string? Reason);

/// <summary>instalment.paid, instalment.missed (with graceUntil): one term of a plan.</summary>
public sealed record InstalmentEventData(Guid ArrangementId, string CustomerRef, int Number, DateOnly DueDate, decimal Amount, string Currency,
    string Status, DateOnly? GraceUntil);

/// <summary>callback.*: topic payment, payment-plan, invoice or other; phone in E.164; slot start and end with the organisation's offset.</summary>
public sealed record CallbackEventData(Guid CallbackId, string CustomerRef, string Status, string Topic, string Phone, string? Language,
    DateTimeOffset SlotStart, DateTimeOffset SlotEnd);

/// <summary>
/// question.created, dispute.opened, dispute.resolved. reason: amount-wrong, already-paid, not-received, complaint or other;
/// status: open, answered or resolved; upheld once resolved; files: how many the customer sent (GET the question for them).
/// </summary>
public sealed record QuestionEventData(Guid QuestionId, string CustomerRef, string InvoiceNumber, string Reason, string Text, bool Dispute, string Status,
    bool? Upheld, int Files);


/// <summary>hardship.*: role administrator (bewindvoerder) or debtCounsellor (schuldhulpverlener); the helper's name, organisation and contact as the customer gave them.</summary>
public sealed record HardshipEventData(Guid RegistrationId, string CustomerRef, string Role, string HelperName, string? HelperOrganisation,
    string HelperContact, string Status, string? Reason);

/// <summary>promise.created, promise.broken: the date promised and what was open when the customer promised it.</summary>
public sealed record PromiseEventData(Guid PromiseId, string CustomerRef, DateOnly PromisedDate, decimal Amount, string Currency, string Status);

/// <summary>customer.contact_changed: the customer's contact details as they are now, and which fields the customer changed.</summary>
public sealed record CustomerContactChangedEventData(string CustomerRef, IReadOnlyList<string> Changed, string? Email, string? Phone,
    AddressData? Address, string? Language, string? PreferredChannel, DateTime ChangedAt);

/// <summary>A postal address in an event.</summary>
public sealed record AddressData(string Line1, string? Line2, string PostalCode, string City, string Country);
