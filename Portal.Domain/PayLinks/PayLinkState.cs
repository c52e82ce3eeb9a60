namespace Portal.Domain.PayLinks;

public enum PayLinkState
{
    Active,
    Expired,
    Revoked,
}
