using Portal.Domain.Messages;

namespace Portal.Infrastructure.Messages;

/// <summary>
/// What a letter prints besides its text, fixed when the message is written: the address, the date, the pay link
/// for its QR code, and the bank transfer (IBAN, amount, RF reference) for the EPC QR code, when the amount is in euro.
/// </summary>
public sealed record LetterFacts(IReadOnlyList<string> Address, string Date, string PayLink, string? Iban, string? AccountHolder,
    long? AmountMinor, string? Amount, string? Reference, string? LetterCode = null, string? LetterCodeUrl = null);

/// <summary>What is stored, encrypted, for a message: the rendered texts and, for a letter, its facts.</summary>
public sealed record StoredContent(MessageTexts Texts, LetterFacts? Letter);
