namespace Portal.Domain.Customers;

/// <summary>What the ERP says about a customer; the input to create or update one.</summary>
public record CustomerDetails(string Name, string? Email, string? Phone, string? Language, Address? Address);
