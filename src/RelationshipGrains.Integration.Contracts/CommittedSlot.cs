namespace RelationshipGrains.Integration.Contracts;

/// <summary>One slot of a committed value chain: who fills it and on what terms.</summary>
public record CommittedSlot(string Role, string PartnerId, decimal PriceAmount, string PriceCurrency, int LeadTimeDays);
