using System.Text.Json.Nodes;
using IntegrationHub.Connectors.Shared;
using static IntegrationHub.Connectors.Shared.CanonicalValues;

namespace IntegrationHub.Connectors.Xero.Mapping;

/// <summary>
/// Xero Contact ↔ canonical Customer. The billing address is the POBOX address (Xero's postal/billing one) or, when a
/// contact has none, the STREET address; outbound writes back to the same one. ARCHIVED (and GDPRREQUEST) contacts
/// count as deleted. Xero's Name is the contact's (organisation) name; Xero has no separate company name.
/// </summary>
public static class XeroContactMapping
{
    public static (JsonObject Canonical, bool Deleted) ToCanonical(JsonObject xero)
    {
        var status = xero.Str("ContactStatus") ?? "ACTIVE";
        var address = BillingAddress(xero);
        var canonical = new JsonObject
        {
            ["name"] = Value(xero.Str("Name")),
            ["companyName"] = null,
            ["email"] = Value(xero.Str("EmailAddress")),
            ["phone"] = Value(Phone(xero)),
            ["currency"] = Value(xero.Str("DefaultCurrency")),
            ["taxNumber"] = Value(xero.Str("TaxNumber")),
            ["active"] = status == "ACTIVE",
            ["billingAddress"] = address is null ? null : new JsonObject
            {
                ["line1"] = Value(address.Str("AddressLine1")),
                ["line2"] = Value(address.Str("AddressLine2")),
                ["city"] = Value(address.Str("City")),
                ["region"] = Value(address.Str("Region")),
                ["postalCode"] = Value(address.Str("PostalCode")),
                ["country"] = Value(address.Str("Country")),
            },
        };
        return (canonical, status != "ACTIVE");
    }

    private static JsonObject? BillingAddress(JsonObject xero) =>
        xero.Objects("Addresses").FirstOrDefault(a => a.Str("AddressType") == "POBOX" && HasContent(a))
        ?? xero.Objects("Addresses").FirstOrDefault(a => a.Str("AddressType") == "STREET" && HasContent(a));

    private static bool HasContent(JsonObject address) =>
        new[] { "AddressLine1", "AddressLine2", "City", "Region", "PostalCode", "Country" }.Any(f => !string.IsNullOrWhiteSpace(address.Str(f)));

    private static string? Phone(JsonObject xero)
    {
        var phone = xero.Objects("Phones").FirstOrDefault(p => p.Str("PhoneType") == "DEFAULT");
        var parts = new[] { phone.Str("PhoneCountryCode"), phone.Str("PhoneAreaCode"), phone.Str("PhoneNumber") }.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        return parts.Count == 0 ? null : string.Join(' ', parts);
    }

    /// <summary>The Contact element for a create or an update: the current payload with the mapped fields laid over it.</summary>
    public static JsonObject ToXero(JsonObject canonical, JsonObject? current, string? reference)
    {
        var body = current is null ? new JsonObject() : (JsonObject)current.DeepClone();
        body.Put(canonical, "name", "Name", JsonRead.Copy);
        body.Put(canonical, "email", "EmailAddress", JsonRead.Copy);
        body.Put(canonical, "taxNumber", "TaxNumber", JsonRead.Copy);
        body.Put(canonical, "currency", "DefaultCurrency", JsonRead.Copy);
        if (canonical["active"] is JsonValue active && active.TryGetValue<bool>(out var isActive)) body["ContactStatus"] = isActive ? "ACTIVE" : "ARCHIVED";
        if (canonical.TryGetPropertyValue("phone", out var phone)) body["Phones"] = Phones(body, Str(phone));
        if (canonical["billingAddress"] is JsonObject address) body["Addresses"] = Addresses(body, address);
        if (current is null && reference is not null) body["ContactNumber"] = reference;
        return body;
    }

    private static JsonArray Phones(JsonObject body, string? number)
    {
        var phones = new JsonArray();
        var replaced = false;
        foreach (var existing in body.Objects("Phones"))
        {
            if (existing.Str("PhoneType") != "DEFAULT") { phones.Add(existing.DeepClone()); continue; }
            replaced = true;
            phones.Add(new JsonObject { ["PhoneType"] = "DEFAULT", ["PhoneNumber"] = number });
        }
        if (!replaced && number is not null) phones.Add(new JsonObject { ["PhoneType"] = "DEFAULT", ["PhoneNumber"] = number });
        return phones;
    }

    private static JsonArray Addresses(JsonObject body, JsonObject address)
    {
        var target = BillingAddress(body)?.Str("AddressType") ?? "POBOX";
        var addresses = new JsonArray();
        JsonObject? written = null;
        foreach (var existing in body.Objects("Addresses"))
        {
            var copy = (JsonObject)existing.DeepClone();
            if (written is null && copy.Str("AddressType") == target) written = copy;
            addresses.Add(copy);
        }
        if (written is null)
        {
            written = new JsonObject { ["AddressType"] = target };
            addresses.Add(written);
        }
        written.Put(address, "line1", "AddressLine1", JsonRead.Copy);
        written.Put(address, "line2", "AddressLine2", JsonRead.Copy);
        written.Put(address, "city", "City", JsonRead.Copy);
        written.Put(address, "region", "Region", JsonRead.Copy);
        written.Put(address, "postalCode", "PostalCode", JsonRead.Copy);
        written.Put(address, "country", "Country", JsonRead.Copy);
        return addresses;
    }
}
