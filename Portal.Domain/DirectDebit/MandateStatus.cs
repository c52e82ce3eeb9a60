namespace Portal.Domain.DirectDebit;

/// <summary>Pending: waiting for the first payment that proves the account. Valid: collections may be made. Revoked: ended.</summary>
public enum MandateStatus
{
    Pending,
    Valid,
    Revoked,
}

/// <summary>How the customer's consent was given.</summary>
public enum MandateSource
{
    /// <summary>The ERP holds a signed SEPA mandate and registered it.</summary>
    Erp,
    /// <summary>The customer typed their IBAN and name on their pay link and confirmed with a one-time code.</summary>
    Iban,
    /// <summary>The customer paid a small first amount with iDEAL; the bank confirmed the account holder.</summary>
    FirstPayment,
}
