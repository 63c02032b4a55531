"""Documents on S3-compatible storage (ART28_STORAGE=s3), against a real S3-compatible server on
loopback (moto's server, the same HTTP API as AWS S3 or MinIO), through django-storages."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from art28.conf import document_storage
from art28.core.downloads import stored_file
from art28.subprocessors.models import Subprocessor

BUCKET = "art28-documents"


@pytest.fixture
def s3_server(monkeypatch):
    moto_server = pytest.importorskip("moto.server", reason="moto is a test dependency (requirements.lock)")
    import boto3

    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="eu-central-1",
                          aws_access_key_id="art28", aws_secret_access_key="secret")
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
    for name, value in {"ART28_STORAGE": "s3", "ART28_S3_BUCKET": BUCKET, "ART28_S3_ENDPOINT_URL": endpoint,
                        "ART28_S3_REGION": "eu-central-1", "ART28_S3_ACCESS_KEY_ID": "art28",
                        "ART28_S3_SECRET_ACCESS_KEY": "secret"}.items():
        monkeypatch.setenv(name, value)
    yield client
    server.stop()


def test_the_file_system_is_the_default(monkeypatch):
    monkeypatch.delenv("ART28_STORAGE", raising=False)
    assert document_storage() == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


@pytest.mark.parametrize("env,message", [
    ({"ART28_STORAGE": "ftp"}, "ART28_STORAGE must be file or s3"),
    ({"ART28_STORAGE": "s3", "ART28_S3_BUCKET": ""}, "needs ART28_S3_BUCKET"),
])
def test_a_wrong_storage_setting_stops_start_up(monkeypatch, env, message):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=message):
        document_storage()


@pytest.mark.django_db
def test_a_document_is_stored_in_the_bucket_and_served_back_from_it(s3_server, settings, processor, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": document_storage()}
    sub = Subprocessor(processor=processor, name="Opslag B.V.", country="NL", service="backup")
    content = b"%PDF-1.7 the sub-processor's agreement"
    sub.agreement_file.save("agreement.pdf", ContentFile(content), save=True)

    keys = [o["Key"] for o in s3_server.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert keys == [sub.agreement_file.name]
    assert s3_server.get_object(Bucket=BUCKET, Key=keys[0])["Body"].read() == content
    assert not (tmp_path / "media").exists()  # nothing on this machine's disk
    # Private: the object grants nobody but its owner.
    grants = s3_server.get_object_acl(Bucket=BUCKET, Key=keys[0])["Grants"]
    assert [g["Permission"] for g in grants] == ["FULL_CONTROL"]

    # Another process (a second web server) reads it back through art28's download.
    fresh = Subprocessor.objects.get(pk=sub.pk)
    response = stored_file(fresh.agreement_file, filename="agreement.pdf", content_type="application/pdf")
    assert b"".join(response.streaming_content) == content

    # A second upload under the same name never replaces the first.
    assert default_storage.save(keys[0], ContentFile(b"other")) != keys[0]
    assert s3_server.get_object(Bucket=BUCKET, Key=keys[0])["Body"].read() == content
