namespace Portal.Domain.Invoices;

/// <summary>One line of an invoice, as the ERP sent it.</summary>
public class InvoiceLine
{
    private InvoiceLine() { }

    internal InvoiceLine(int position, InvoiceLineDetails details)
    {
        Position = position;
        Description = details.Description;
        AmountMinor = details.AmountMinor;
        Quantity = details.Quantity;
        UnitPriceMinor = details.UnitPriceMinor;
        VatRate = details.VatRate;
    }

    public long Id { get; private set; }
    public long InvoiceId { get; private set; }
    public int Position { get; private set; }
    public string Description { get; private set; } = "";
    public long AmountMinor { get; private set; }
    public decimal? Quantity { get; private set; }
    public long? UnitPriceMinor { get; private set; }
    /// <summary>VAT as a percentage, 21 for 21 %.</summary>
    public decimal? VatRate { get; private set; }

    public InvoiceLineDetails Details => new(Description, AmountMinor, Quantity, UnitPriceMinor, VatRate);
}
