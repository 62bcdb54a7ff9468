package org.sovaudit.parse.network;

/**
 * The device configuration dialects the appliance reads, in the order ties are broken: when two
 * families score the same, the more generic one (earlier here) wins, so that a file with nothing
 * distinctive of Arista EOS or NX-OS is read as Cisco IOS, and one with nothing distinctive of
 * H3C Comware as Huawei VRP.
 */
public enum DeviceFamily {
    IOS("cisco-ios"),
    VRP("huawei-vrp"),
    JUNOS("juniper-junos"),
    ROUTEROS("mikrotik-routeros"),
    COMWARE("h3c-comware"),
    NXOS("cisco-nxos"),
    EOS("arista-eos"),
    ZXROS("zte-zxros");

    private final String parserId;

    DeviceFamily(String parserId) {
        this.parserId = parserId;
    }

    /** The id of the parser that reads this family. */
    public String parserId() {
        return parserId;
    }
}
