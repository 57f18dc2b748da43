"""Builds one account scenario for the preflight test in moto's server, through moto's own APIs (boto3).

Usage: moto-accounts.py ENDPOINT SCENARIO (once per scenario: each creates fixed accounts). Prints, as JSON, the credentials of the account the preflight then runs
as (an IAM access key moto maps to that account) and the ids the test asserts. Each scenario gets accounts of its
own, so the scenarios do not see each other's singletons. The x-moto-account-id header picks the account a call acts
in; it is moto's, not AWS's.

Not here: a GuardDuty administrator. moto 5.2.5 keeps one (EnableOrganizationAdminAccount) but answers
GetAdministratorAccount with PascalCase keys where GuardDuty's wire format is camelCase, so the SDK reads none.
"""
import json
import sys

import boto3

ENDPOINT, SCENARIO = sys.argv[1], sys.argv[2]
PRIMARY = "eu-west-1"


def client(service, account, region=PRIMARY):
    c = boto3.client(
        service,
        region_name=region,
        endpoint_url=ENDPOINT,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    c.meta.events.register(
        "before-sign.*.*", lambda request, **_: request.headers.__setitem__("x-moto-account-id", account)
    )
    return c


def credentials(account, **ids):
    iam = client("iam", account)
    iam.create_user(UserName="preflight")
    key = iam.create_access_key(UserName="preflight")["AccessKey"]
    return {"accountId": account, "accessKeyId": key["AccessKeyId"], "secretAccessKey": key["SecretAccessKey"], **ids}


def securityhub_administered():
    # An organisation whose management account delegated Security Hub to a security account; the member runs its hub.
    management = "220000000000"
    organizations = client("organizations", management)
    organizations.create_organization(FeatureSet="ALL")
    created = [
        organizations.create_account(Email=f"{name}@example.com", AccountName=name)["CreateAccountStatus"]["AccountId"]
        for name in ("security", "workload")
    ]
    administrator, member = created
    client("securityhub", management).enable_organization_admin_account(AdminAccountId=administrator)
    client("securityhub", member).enable_security_hub(EnableDefaultStandards=False)
    return credentials(member, administrator=administrator)


def recording(account, recorder, channel):
    # A recorder that records: Config starts one only beside a delivery channel.
    config = client("config", account)
    config.put_configuration_recorder(ConfigurationRecorder=recorder)
    config.put_delivery_channel(DeliveryChannel={"name": channel, "s3BucketName": f"config-{account}"})
    config.start_configuration_recorder(ConfigurationRecorderName=recorder["name"])


def controltower_config():
    member = "230000000001"
    recording(
        member,
        {
            "name": "aws-controltower-BaselineConfigRecorder",
            "roleARN": f"arn:aws:iam::{member}:role/aws-controltower-ConfigRecorderRole",
            "recordingGroup": {"allSupported": True, "includeGlobalResourceTypes": True},
        },
        "aws-controltower-BaselineConfigDeliveryChannel",
    )
    return credentials(member)


def own_singletons():
    # The account runs GuardDuty, Security Hub and a Config recorder itself, in the primary region only.
    account = "240000000001"
    client("guardduty", account).create_detector(Enable=True)
    client("securityhub", account).enable_security_hub(EnableDefaultStandards=False)
    recording(account, {"name": "default", "roleARN": f"arn:aws:iam::{account}:role/config-recorder"}, "default")
    return credentials(account)


def leftover_config():
    # An earlier Config setup half removed: its recorder stopped, its delivery channel left behind.
    account = "250000000001"
    recording(account, {"name": "default", "roleARN": f"arn:aws:iam::{account}:role/config-recorder"}, "default")
    client("config", account).stop_configuration_recorder(ConfigurationRecorderName="default")
    return credentials(account)


SCENARIOS = {
    "securityhub-administered": securityhub_administered,
    "controltower-config": controltower_config,
    "own-singletons": own_singletons,
    "leftover-config": leftover_config,
}

print(json.dumps(SCENARIOS[SCENARIO]()))
