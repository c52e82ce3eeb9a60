namespace Portal.Api.Customers;

/// <summary>PUT /api/v1/customers/{customerRef}.</summary>
public record CustomerRequest(string? Name, string? Email, string? Phone, string? Language, AddressDto? Address);

public record AddressDto(string? Line1, string? Line2, string? PostalCode, string? City, string? Country);

public record CustomerResponse(string CustomerRef, string Name, string? Email, string? Phone, string? Language, AddressDto? Address, DateTime UpdatedAt);
