/// Reading people from the JSON that directory services list users in:
/// Microsoft Graph (Entra ID), SCIM 2.0 and Google Workspace.
extension ImportSource {
    /// Graph: `employeeId` is the key (`id`, a GUID, with a map `id=key`);
    /// the manager is the expanded `manager` (`$expand=manager`).
    static let graphMapping = DirectoryMapping(
        fields: [(.key, [["employeeid"]]), (.holder, [["displayname"]]), (.title, [["jobtitle"]]),
                 (.reportsTo, [["manager"]]), (.unit, [["department"]])],
        assistants: nil)

    /// SCIM: the enterprise extension's `employeeNumber` is the key; its
    /// `manager` (an object, or an array of one) names the manager's `id`.
    static let scimMapping = DirectoryMapping(
        fields: [(.key, [["employeenumber"]]), (.holder, [["name.formatted"], ["displayname"]]), (.title, [["title"]]),
                 (.reportsTo, [["manager"]]), (.unit, [["department"]])],
        assistants: nil)

    /// Google: the employee ID (`externalIds` of type `organization`) is the
    /// key; `relations` name the manager, dotted-line managers and
    /// assistants by e-mail address.
    static let googleMapping = DirectoryMapping(
        fields: [(.key, [["externalids.organization"]]), (.holder, [["name.fullname"]]), (.title, [["organizations.title"]]),
                 (.reportsTo, [["manager"]]), (.dottedTo, [["dottedlinemanager"]]), (.unit, [["organizations.department"]])],
        assistants: "assistant")

    static func graphEntries(_ bytes: [UInt8], file: String) throws(OrgError) -> [DirectoryEntry] {
        let reader = DirectoryJSON(file: file)
        let (users, lines) = try reader.list(try reader.document(bytes), member: "value", shape: "Microsoft Graph lists users as {\"value\": [...]}")
        var entries: [DirectoryEntry] = []
        for (index, user) in users.enumerated() {
            let object = try reader.object(user, line: lines[index], place: "value[\(index)]")
            if case .bool(false)? = object["accountEnabled"] { continue }
            let id = reader.text(object["id"])
            var entry = DirectoryEntry(file: file, line: lines[index], place: reader.place("value[\(index)]", object, names: ["displayName", "id"]),
                                       identities: [id, reader.text(object["userPrincipalName"]), reader.text(object["mail"])]
                                           .compactMap { $0?.lowercased() })
            for position in object.members.indices {
                let member = DirectoryJSON.Member(name: object.members[position].name, value: object.members[position].value)
                if member.name == "manager" {
                    guard case .object(let manager) = member.value else { continue }
                    guard let managerID = reader.text(manager["id"]) else {
                        throw .importFailed(file: file, line: object.lines[position], column: nil,
                                            message: "value[\(index)].manager has no \"id\"; expand the manager with its id ($expand=manager($select=id,displayName,employeeId))")
                    }
                    var reference = DirectoryReference(identity: managerID.lowercased(), shown: reader.text(manager["displayName"]) ?? managerID,
                                                       line: object.lines[position])
                    for inner in manager.members.indices {
                        if let value = reader.text(manager.members[inner].value) {
                            reference.known[ColumnResolver<RoleField>.loose(manager.members[inner].name)] = value
                        }
                    }
                    entry.refer("manager", reference)
                } else {
                    reader.flatten(member.name, member.value, into: &entry)
                }
            }
            entries.append(entry)
        }
        return entries
    }

    static let scimEnterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

    static func scimEntries(_ bytes: [UInt8], file: String) throws(OrgError) -> [DirectoryEntry] {
        let reader = DirectoryJSON(file: file)
        let (users, lines) = try reader.list(try reader.document(bytes), member: "Resources",
                                            shape: "a SCIM ListResponse holds its users as {\"Resources\": [...]}")
        var entries: [DirectoryEntry] = []
        for (index, user) in users.enumerated() {
            let object = try reader.object(user, line: lines[index], place: "Resources[\(index)]")
            if case .bool(false)? = object["active"] { continue }
            var identities = [reader.text(object["id"]), reader.text(object["userName"])].compactMap { $0?.lowercased() }
            if case .array(let emails)? = object["emails"] {
                identities += emails.items.compactMap { reader.text($0["value"])?.lowercased() }
            }
            var entry = DirectoryEntry(file: file, line: lines[index], place: reader.place("Resources[\(index)]", object, names: ["userName", "id"]),
                                       identities: identities)
            for position in object.members.indices {
                let member = DirectoryJSON.Member(name: object.members[position].name, value: object.members[position].value)
                guard member.name == scimEnterprise else {
                    reader.flatten(member.name, member.value, into: &entry)
                    continue
                }
                guard case .object(let extensionObject) = member.value else {
                    throw .importFailed(file: file, line: object.lines[position], column: nil,
                                        message: "Resources[\(index)] has the enterprise extension as something other than an object")
                }
                for inner in extensionObject.members.indices {
                let part = DirectoryJSON.Member(name: extensionObject.members[inner].name, value: extensionObject.members[inner].value)
                    guard part.name == "manager" else {
                        reader.flatten(part.name, part.value, into: &entry)
                        continue
                    }
                    // An object, or, as some servers send it, an array of one.
                    var managers: [JSONValue] = [part.value]
                    if case .array(let list) = part.value { managers = list.items }
                    if case .null = part.value { managers = [] }
                    for manager in managers {
                        guard let value = reader.text(manager["value"]) else {
                            throw .importFailed(file: file, line: extensionObject.lines[inner], column: nil,
                                                message: "Resources[\(index)]'s manager has no \"value\", the manager's id; give it one, or leave the manager out")
                        }
                        entry.refer("manager", DirectoryReference(identity: value.lowercased(), shown: reader.text(manager["displayName"]) ?? value,
                                                                  line: extensionObject.lines[inner]))
                    }
                }
            }
            entries.append(entry)
        }
        return entries
    }

    static func googleEntries(_ bytes: [UInt8], file: String) throws(OrgError) -> [DirectoryEntry] {
        let reader = DirectoryJSON(file: file)
        let (users, lines) = try reader.list(try reader.document(bytes), member: "users",
                                            shape: "Google's directory lists users as {\"users\": [...]}")
        var entries: [DirectoryEntry] = []
        for (index, user) in users.enumerated() {
            let object = try reader.object(user, line: lines[index], place: "users[\(index)]")
            if case .bool(true)? = object["suspended"] { continue }
            if case .bool(true)? = object["archived"] { continue }
            var identities = [reader.text(object["primaryEmail"]), reader.text(object["id"])].compactMap { $0?.lowercased() }
            if case .array(let emails)? = object["emails"] {
                identities += emails.items.compactMap { reader.text($0["address"])?.lowercased() }
            }
            var entry = DirectoryEntry(file: file, line: lines[index], place: reader.place("users[\(index)]", object, names: ["primaryEmail", "id"]),
                                       identities: identities)
            for position in object.members.indices {
                let member = DirectoryJSON.Member(name: object.members[position].name, value: object.members[position].value)
                switch (member.name, member.value) {
                case ("relations", .array(let relations)):
                    for (inner, relation) in relations.items.enumerated() {
                        guard let type = reader.text(relation["type"]), let value = reader.text(relation["value"]) else {
                            throw .importFailed(file: file, line: relations.lines[inner], column: nil,
                                                message: "users[\(index)].relations[\(inner)] needs a \"type\" and a \"value\" (an e-mail address)")
                        }
                        let name = type == "custom" ? reader.text(relation["customType"]) ?? type : type
                        entry.refer(name, DirectoryReference(identity: value.lowercased(), shown: value, line: relations.lines[inner]))
                    }
                case ("organizations", .array(let organizations)):
                    // The primary organisation first: its title and department are the ones read.
                    let isPrimary = { (item: JSONValue) -> Bool in if case .bool(true)? = item["primary"] { true } else { false } }
                    let ordered = organizations.items.filter(isPrimary) + organizations.items.filter { !isPrimary($0) }
                    reader.flatten("organizations", .array(JSONArray(items: ordered, lines: Array(repeating: object.lines[position], count: ordered.count))),
                                   into: &entry)
                default:
                    reader.flatten(member.name, member.value, into: &entry)
                }
            }
            entries.append(entry)
        }
        return entries
    }
}

/// The checks and conversions shared by the JSON directory formats.
private struct DirectoryJSON {
    let file: String

    /// One member of an object (a struct: the tuple JSONObject keeps is not
    /// one the compiler can check for sendability here).
    struct Member {
        let name: String
        let value: JSONValue
    }

    func document(_ bytes: [UInt8]) throws(OrgError) -> JSONValue {
        if let failure = UTF8Validation.failure(in: bytes) {
            throw .importFailed(file: file, line: failure.line, column: nil, message: failure.message)
        }
        do {
            return try JSONValue.parse(bytes)
        } catch {
            throw .importFailed(file: file, line: error.line, column: nil, message: "not valid JSON: \(error.message)")
        }
    }

    /// The array `member` of the top-level object, with each item's line.
    func list(_ document: JSONValue, member: String, shape: String) throws(OrgError) -> ([JSONValue], [Int]) {
        guard case .object(let top) = document, let index = top.members.firstIndex(where: { $0.name == member }) else {
            throw .importFailed(file: file, line: 1, column: nil, message: "no \"\(member)\" list at the top; \(shape)")
        }
        switch top.members[index].value {
        case .array(let list): return (list.items, list.lines)
        case .null: return ([], [])
        default: throw .importFailed(file: file, line: top.lines[index], column: nil, message: "\"\(member)\" is not a list; \(shape)")
        }
    }

    func object(_ value: JSONValue, line: Int, place: String) throws(OrgError) -> JSONObject {
        guard case .object(let object) = value else {
            throw .importFailed(file: file, line: line, column: nil, message: "\(place) is not an object (a user)")
        }
        return object
    }

    /// `path` with the first of `names` the object has, for messages: `value[3] ("Ada Lovelace")`.
    func place(_ path: String, _ object: JSONObject, names: [String]) -> String {
        guard let name = names.lazy.compactMap({ self.text(object[$0]) }).first else { return path }
        return "\(path) (\(QuotedValue.quoted(name)))"
    }

    /// A scalar as text; nil for null, containers and empty strings.
    func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: text.isEmpty ? nil : Validation.nfc(text)
        case .number(let number)?: number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .bool(let flag)?: String(flag)
        default: nil
        }
    }

    /// Scalars as attributes: nested objects' members as `outer.inner`, and
    /// lists of `{"type": T, "value": V}` also as `outer.T`.
    func flatten(_ name: String, _ value: JSONValue, into entry: inout DirectoryEntry) {
        switch value {
        case .object(let object):
            for index in object.members.indices { flatten(name + "." + object.members[index].name, object.members[index].value, into: &entry) }
        case .array(let list):
            for item in list.items {
                if case .object(let object) = item, let type = text(object["type"]), let typed = text(object["value"]) {
                    entry.add(name + "." + type, typed)
                }
                flatten(name, item, into: &entry)
            }
        default:
            entry.add(name, text(value))
        }
    }
}
