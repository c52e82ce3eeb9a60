namespace Portal.Domain.Organisations;

/// <summary>The company whose invoices these are: the tenant.</summary>
public class Organisation
{
    private Organisation() { }

    public Organisation(string name, string brandColour, string iban, string accountHolder, string phone, DateTime nowUtc)
    {
        Name = name;
        BrandColour = BrandColours.Normalise(brandColour);
        Iban = iban;
        AccountHolder = accountHolder;
        Phone = phone;
        Languages = string.Join(',', Language.SupportedLanguages.Codes);
        CreatedAtUtc = nowUtc;
    }

    /// <summary>An organisation as the command creates it, from a checked profile.</summary>
    public Organisation(OrganisationProfile profile, DateTime nowUtc)
        : this(profile.Name, profile.BrandColour, profile.Iban, profile.AccountHolder, profile.Phone, nowUtc)
    {
        ChangeProfile(profile);
    }

    public long Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>Brand colour as #RRGGBB.</summary>
    public string BrandColour { get; private set; } = "#1F4E79";
    public byte[]? Logo { get; private set; }
    public string? LogoContentType { get; private set; }
    /// <summary>Comma-separated language codes the organisation offers, the first being its default.</summary>
    public string Languages { get; private set; } = string.Join(',', Language.SupportedLanguages.Codes);
    public string Iban { get; private set; } = "";
    public string AccountHolder { get; private set; } = "";
    public string Phone { get; private set; } = "";
    /// <summary>The name the organisation's e-mails to customers come from; null: its <see cref="Name"/>.</summary>
    public string? SenderName { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    /// <summary>
    /// Null: customers pay invoices in full. Otherwise customers may pay part of what they chose, at least this much
    /// (in minor units of the invoice's currency).
    /// </summary>
    public long? PartialPaymentMinimumMinor { get; private set; }

    /// <summary>
    /// Money that arrives for an invoice that no longer needs it is refunded through the provider when true; when
    /// false it is kept as a credit on the customer for the organisation to settle. Either way the ERP is told.
    /// </summary>
    public bool RefundOverpayments { get; private set; }

    /// <summary>Whether a customer gets a thank-you message when a payment has paid their invoices; on unless switched off.</summary>
    public bool SendsThankYou { get; private set; } = true;

    /// <summary>The organisation's words in its thank-you message (a short text), and the one link with them; null: none.</summary>
    public string? AfterSalesText { get; private set; }
    public string? AfterSalesLink { get; private set; }

    /// <summary>The thank-you after a payment, and the after-sales block in it; returns whether anything changed.</summary>
    public bool SetMessageSettings(bool sendsThankYou, string? afterSalesText, string? afterSalesLink)
    {
        if (afterSalesText is null && afterSalesLink is not null)
            throw new ArgumentException("An after-sales link goes with a text.", nameof(afterSalesLink));
        if (SendsThankYou == sendsThankYou && AfterSalesText == afterSalesText && AfterSalesLink == afterSalesLink) return false;
        SendsThankYou = sendsThankYou;
        AfterSalesText = afterSalesText;
        AfterSalesLink = afterSalesLink;
        return true;
    }

    /// <summary>Whether customers may set up direct debit on their pay link (see <see cref="DirectDebit.DirectDebitPolicy"/>).</summary>
    public bool DirectDebitEnabled { get; private set; }
    /// <summary>The days of the month customers may choose, in order, comma-separated: "1,15,25".</summary>
    public string CollectionDays { get; private set; } = "1,15,25";
    /// <summary>The pre-notification lead: business days between the notice and the collection.</summary>
    public int PreNotificationLeadDays { get; private set; } = 5;
    /// <summary>The amount of the first iDEAL payment that sets up a mandate, in cents.</summary>
    public long FirstPaymentMinor { get; private set; } = 1;
    /// <summary>The SEPA creditor identifier printed on notices; null until the organisation sets it.</summary>
    public string? CreditorId { get; private set; }

    public DirectDebit.DirectDebitPolicy DirectDebitPolicy => new(DirectDebitEnabled,
        [.. CollectionDays.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => int.Parse(d, System.Globalization.CultureInfo.InvariantCulture))],
        PreNotificationLeadDays, FirstPaymentMinor, CreditorId);

    /// <summary>Sets the direct-debit rules (already checked with <see cref="DirectDebit.DirectDebitPolicy.Check"/>); returns whether anything changed.</summary>
    public bool SetDirectDebitPolicy(DirectDebit.DirectDebitPolicy policy)
    {
        if (policy.Check().Count > 0) throw new ArgumentException("The policy breaks its own rules; check it first.", nameof(policy));
        var days = string.Join(',', policy.Days.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var creditor = policy.CreditorId is null ? null : DirectDebit.CreditorId.Normalise(policy.CreditorId);
        if (DirectDebitEnabled == policy.Enabled && CollectionDays == days && PreNotificationLeadDays == policy.LeadBusinessDays
            && FirstPaymentMinor == policy.FirstPaymentMinor && CreditorId == creditor) return false;
        DirectDebitEnabled = policy.Enabled;
        CollectionDays = days;
        PreNotificationLeadDays = policy.LeadBusinessDays;
        FirstPaymentMinor = policy.FirstPaymentMinor;
        CreditorId = creditor;
        return true;
    }

    // The payment-plan rules (see Arrangements.ArrangementPolicy), a column each so queries can read them.
    public bool PlansEnabled { get; private set; }
    public long PlanMinimumTermMinor { get; private set; } = Arrangements.ArrangementPolicy.Default.MinimumTermMinor;
    public int PlanMaximumTerms { get; private set; } = Arrangements.ArrangementPolicy.Default.MaximumTerms;
    public int PlanMaximumMonths { get; private set; } = Arrangements.ArrangementPolicy.Default.MaximumMonths;
    public long PlanMaximumTotalMinor { get; private set; } = Arrangements.ArrangementPolicy.Default.MaximumTotalMinor;
    public int PlanMinimumDownPaymentPercent { get; private set; }
    public int PlanNoneAfterBrokenMonths { get; private set; } = Arrangements.ArrangementPolicy.Default.NoPlanAfterBrokenMonths;
    public bool PlanApproveWithinPolicy { get; private set; } = true;
    public int PlanGraceDays { get; private set; } = Arrangements.ArrangementPolicy.Default.GraceDays;
    public int PlanMissedTermsToBreak { get; private set; } = Arrangements.ArrangementPolicy.Default.MissedTermsToBreak;

    public Arrangements.ArrangementPolicy ArrangementPolicy => new(PlansEnabled, PlanMinimumTermMinor, PlanMaximumTerms, PlanMaximumMonths,
        PlanMaximumTotalMinor, PlanMinimumDownPaymentPercent, PlanNoneAfterBrokenMonths, PlanApproveWithinPolicy, PlanGraceDays, PlanMissedTermsToBreak);

    /// <summary>Sets the payment-plan rules (already checked with <see cref="Arrangements.ArrangementPolicy.Check"/>); returns whether anything changed.</summary>
    public bool SetArrangementPolicy(Arrangements.ArrangementPolicy policy)
    {
        if (policy.Check().Count > 0) throw new ArgumentException("The policy breaks its own rules; check it first.", nameof(policy));
        if (policy == ArrangementPolicy) return false;
        (PlansEnabled, PlanMinimumTermMinor, PlanMaximumTerms, PlanMaximumMonths, PlanMaximumTotalMinor) =
            (policy.Enabled, policy.MinimumTermMinor, policy.MaximumTerms, policy.MaximumMonths, policy.MaximumTotalMinor);
        (PlanMinimumDownPaymentPercent, PlanNoneAfterBrokenMonths, PlanApproveWithinPolicy, PlanGraceDays, PlanMissedTermsToBreak) =
            (policy.MinimumDownPaymentPercent, policy.NoPlanAfterBrokenMonths, policy.ApproveWithinPolicy, policy.GraceDays, policy.MissedTermsToBreak);
        return true;
    }

    // The rules for promises to pay (see Promises.PromisePolicy).
    public bool PromisesEnabled { get; private set; }
    public int PromiseMaximumDays { get; private set; } = Promises.PromisePolicy.Default.MaximumDays;
    public int PromiseGraceDays { get; private set; } = Promises.PromisePolicy.Default.GraceDays;

    public Promises.PromisePolicy PromisePolicy => new(PromisesEnabled, PromiseMaximumDays, PromiseGraceDays);

    public bool SetPromisePolicy(Promises.PromisePolicy policy)
    {
        if (policy.Check().Count > 0) throw new ArgumentException("The policy breaks its own rules; check it first.", nameof(policy));
        if (policy == PromisePolicy) return false;
        (PromisesEnabled, PromiseMaximumDays, PromiseGraceDays) = (policy.Enabled, policy.MaximumDays, policy.GraceDays);
        return true;
    }

    /// <summary>Where customers who cannot pay find free help, as one JSON text (see <see cref="Hardship.HardshipHelp"/>); null: Portal's default.</summary>
    public string? HardshipHelpJson { get; private set; }

    public Hardship.HardshipHelp HardshipHelp => Hardship.HardshipHelp.FromJson(HardshipHelpJson);

    public bool SetHardshipHelp(Hardship.HardshipHelp help)
    {
        if (help.Check().Count > 0) throw new ArgumentException("The help breaks its own rules; check it first.", nameof(help));
        var json = help.ToJson();
        if (json == HardshipHelpJson) return false;
        HardshipHelpJson = json;
        return true;
    }

    /// <summary>When the organisation calls customers back, as one JSON text (see <see cref="Callbacks.CallbackSettings"/>); null: not offered.</summary>
    public string? CallbackSettingsJson { get; private set; }

    public Callbacks.CallbackSettings CallbackSettings => Callbacks.CallbackSettings.FromJson(CallbackSettingsJson);

    /// <summary>Sets the call-back settings (already checked); returns whether anything changed.</summary>
    public bool SetCallbackSettings(Callbacks.CallbackSettings settings)
    {
        if (settings.Check().Count > 0) throw new ArgumentException("The settings break their own rules; check them first.", nameof(settings));
        var json = settings.ToJson();
        if (json == CallbackSettingsJson) return false;
        CallbackSettingsJson = json;
        return true;
    }

    /// <summary>
    /// Changes with every change to the organisation (set when it is saved), so a customer's page, which checks only
    /// this stamp beside the session, knows when its kept copy of the brand and settings is out of date.
    /// </summary>
    public long Version { get; private set; }

    /// <summary>A new stamp; the database context calls this whenever it saves a change to the organisation.</summary>
    public void Restamp(long version) => Version = version;

    public void SetRefundOverpayments(bool refund) => RefundOverpayments = refund;

    public IReadOnlyList<string> LanguageList => Languages.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public OrganisationProfile Profile() => new(Name, BrandColour, Phone, Iban, AccountHolder, LanguageList, SenderName);

    /// <summary>Takes a profile checked by <see cref="OrganisationProfile.From"/>; returns the API names of the fields that changed.</summary>
    public IReadOnlyList<string> ChangeProfile(OrganisationProfile profile)
    {
        var changed = new List<string>();
        if (Name != profile.Name) changed.Add("name");
        if (BrandColour != profile.BrandColour) changed.Add("brandColour");
        if (Phone != profile.Phone) changed.Add("phone");
        if (Iban != profile.Iban) changed.Add("iban");
        if (AccountHolder != profile.AccountHolder) changed.Add("accountHolder");
        if (!LanguageList.SequenceEqual(profile.Languages)) changed.Add("languages");
        if (SenderName != profile.SenderName) changed.Add("senderName");
        Name = profile.Name;
        BrandColour = BrandColours.Normalise(profile.BrandColour);
        Phone = profile.Phone;
        Iban = profile.Iban;
        AccountHolder = profile.AccountHolder;
        SetLanguages(profile.Languages);
        SenderName = profile.SenderName;
        return changed;
    }

    /// <summary>Refuses anything <see cref="LogoFile.Refusal"/> refuses, so no path can store a scripted SVG.</summary>
    public void SetLogo(byte[] logo, string contentType)
    {
        if (LogoFile.Refusal(logo, contentType) is { } refusal) throw new ArgumentException(refusal, nameof(logo));
        Logo = logo;
        LogoContentType = contentType;
    }

    public void RemoveLogo()
    {
        Logo = null;
        LogoContentType = null;
    }

    /// <summary>Lets customers pay part of what they owe, from <paramref name="minimumMinor"/> up; null stops it.</summary>
    public void SetPartialPayments(long? minimumMinor)
    {
        if (minimumMinor is <= 0) throw new ArgumentOutOfRangeException(nameof(minimumMinor), "The minimum part is more than zero.");
        PartialPaymentMinimumMinor = minimumMinor;
    }

    public void SetLanguages(IEnumerable<string> languages) => Languages = string.Join(',', languages);
}
