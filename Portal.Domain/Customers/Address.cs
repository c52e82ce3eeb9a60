namespace Portal.Domain.Customers;

/// <summary>A postal address as the ERP knows it.</summary>
public record Address(string Line1, string? Line2, string PostalCode, string City, string Country);
